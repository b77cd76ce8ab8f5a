extension FieldVocabulary {
    static let aerospace = FieldVocabulary(
        code: "aerospace",
        label: "aerospace",
        topics: [
            TopicVocabulary(
                name: "composite structures",
                terms: [
                    "carbon fibre reinforced polymer", "out-of-autoclave curing", "automated fibre placement",
                    "thermoplastic composite", "interlaminar toughness", "resin transfer moulding", "prepreg layup",
                    "delamination resistance", "bonded repair", "stiffened panel", "fibre waviness", "ply drop-off",
                ]),
            TopicVocabulary(
                name: "turbine propulsion",
                terms: [
                    "high-pressure turbine", "ceramic matrix composite", "thermal barrier coating", "film cooling",
                    "combustor liner", "blade tip clearance", "compressor stall margin", "lean premixed combustion",
                    "bypass ratio", "turbine disk", "nickel superalloy", "single-crystal blade",
                ]),
            TopicVocabulary(
                name: "aerodynamics",
                terms: [
                    "computational fluid dynamics", "boundary layer transition", "laminar flow control",
                    "vortex generator", "shock-boundary layer interaction", "wind tunnel testing", "large eddy simulation",
                    "drag reduction", "high-lift device", "riblet surface", "flow separation", "aeroelastic flutter",
                ]),
            TopicVocabulary(
                name: "avionics",
                terms: [
                    "flight management system", "integrated modular avionics", "fly-by-wire", "ARINC 653 partitioning",
                    "cockpit display", "air data computer", "inertial measurement unit", "redundancy management",
                    "DO-178C certification", "avionics data bus", "synthetic vision", "terrain awareness",
                ]),
            TopicVocabulary(
                name: "satellite systems",
                terms: [
                    "small satellite", "CubeSat bus", "attitude determination and control", "reaction wheel",
                    "star tracker", "solar array deployment", "on-board computer", "satellite constellation",
                    "inter-satellite link", "orbit determination", "thermal vacuum testing",
                    "radiation-hardened electronics",
                ]),
            TopicVocabulary(
                name: "space propulsion",
                terms: [
                    "electric propulsion", "Hall effect thruster", "ion engine", "green monopropellant",
                    "hybrid rocket motor", "cold gas thruster", "liquid oxygen methane engine", "regenerative cooling",
                    "nozzle throat erosion", "propellant management device", "thrust vector control",
                    "reusable launch vehicle",
                ]),
            TopicVocabulary(
                name: "unmanned aircraft",
                terms: [
                    "unmanned aerial vehicle", "vertical take-off and landing", "detect and avoid", "swarm coordination",
                    "beyond visual line of sight", "multirotor drone", "fixed-wing drone", "autopilot firmware",
                    "payload gimbal", "precision landing", "drone delivery", "geofencing",
                ]),
            TopicVocabulary(
                name: "structural health monitoring",
                terms: [
                    "structural health monitoring", "fibre Bragg grating sensor", "guided wave inspection",
                    "acoustic emission", "fatigue crack growth", "corrosion detection", "damage tolerance",
                    "strain mapping", "piezoelectric transducer array", "remaining useful life", "impact damage detection",
                    "bolt loosening",
                ]),
            TopicVocabulary(
                name: "non-destructive inspection",
                terms: [
                    "non-destructive testing", "ultrasonic phased array", "X-ray computed tomography",
                    "eddy current inspection", "infrared thermography", "laser shearography", "borescope inspection",
                    "porosity measurement", "automated inspection cell", "defect classification", "digital radiography",
                    "terahertz imaging",
                ]),
            TopicVocabulary(
                name: "additive manufacturing",
                terms: [
                    "metal additive manufacturing", "laser powder bed fusion", "directed energy deposition",
                    "Ti-6Al-4V", "topology optimisation", "lattice structure", "build orientation", "residual stress",
                    "hot isostatic pressing", "powder reuse", "melt pool monitoring", "wire arc additive manufacturing",
                ]),
            TopicVocabulary(
                name: "machining and assembly",
                terms: [
                    "high-speed machining", "drilling of stacked materials", "robotic riveting", "friction stir welding",
                    "automated assembly line", "fastener installation", "jig-less assembly", "predictive shimming",
                    "large part metrology", "laser tracker", "automated drilling", "sealant application",
                ]),
            TopicVocabulary(
                name: "aircraft electrification",
                terms: [
                    "more electric aircraft", "hybrid electric propulsion", "electric motor power density",
                    "high-voltage DC bus", "battery thermal management", "fuel cell aircraft", "liquid hydrogen tank",
                    "distributed propulsion", "power electronics cooling", "electric taxiing", "superconducting motor",
                    "partial discharge",
                ]),
            TopicVocabulary(
                name: "aerospace alloys",
                terms: [
                    "aluminium-lithium alloy", "titanium aluminide", "magnesium alloy", "superplastic forming",
                    "shot peening", "stress corrosion cracking", "creep resistance", "lightweight alloy",
                    "heat treatment", "hydrogen embrittlement", "oxidation resistance", "refractory alloy",
                ]),
            TopicVocabulary(
                name: "flight operations",
                terms: [
                    "air traffic management", "trajectory optimisation", "airport surface movement",
                    "predictive maintenance", "flight data analysis", "fuel burn reduction", "contrail avoidance",
                    "4D trajectory", "fleet digital twin", "maintenance scheduling", "runway incursion",
                    "urban air mobility",
                ]),
            TopicVocabulary(
                name: "noise and vibration",
                terms: [
                    "aircraft noise reduction", "acoustic liner", "fan noise", "sonic boom", "active vibration control",
                    "cabin noise", "jet noise", "acoustic metamaterial", "landing gear noise", "tonal noise",
                    "vibration isolation", "modal analysis",
                ]),
            TopicVocabulary(
                name: "icing and environment",
                terms: [
                    "in-flight icing", "ice protection system", "anti-icing coating", "electrothermal de-icing",
                    "supercooled large droplets", "lightning strike protection", "bird strike", "rain erosion",
                    "sand ingestion", "environmental control system", "hail impact", "volcanic ash",
                ]),
            TopicVocabulary(
                name: "navigation",
                terms: [
                    "GNSS augmentation", "precise point positioning", "anti-jamming antenna", "spoofing detection",
                    "visual odometry", "terrain relative navigation", "multi-sensor navigation", "Kalman filtering",
                    "quasi-zenith satellite system", "dead reckoning", "multipath mitigation", "integrity monitoring",
                ]),
            TopicVocabulary(
                name: "earth observation",
                terms: [
                    "synthetic aperture radar", "hyperspectral imaging", "earth observation data",
                    "on-board image processing", "change detection", "ground station", "downlink scheduling",
                    "optical payload", "radiometric calibration", "cloud masking", "crop monitoring from orbit",
                    "disaster monitoring",
                ]),
        ],
        applications: [
            "commercial aircraft", "business jets", "regional airliners", "helicopter rotor systems",
            "aircraft engine maintenance", "satellite manufacturing", "launch vehicles", "drone logistics",
            "airport operations", "space debris removal", "airframe production lines", "MRO workshops",
            "cabin interiors", "flight testing", "eVTOL air taxis", "lunar exploration missions",
            "defence-free civil aviation", "aircraft recycling", "ground support equipment", "high-altitude platforms",
        ],
        heads: [
            "actuator", "panel", "nozzle", "coating", "airfoil", "bracket", "liner", "harness", "spar", "seal",
            "thruster", "vane", "fairing", "sensor", "bearing", "manifold",
        ],
        prefixes: [
            "aero", "thermo", "cryo", "turbo", "astro", "hyper", "strato", "iono", "gyro", "magneto", "piezo",
            "vortico", "pyro", "baro", "helio", "ortho",
        ],
        roots: [
            "fil", "lam", "ductil", "ceram", "vort", "flux", "stat", "dyn", "therm", "plan", "sonic", "lith",
            "carb", "tital", "nick", "cobal", "alumin", "mech", "tens", "flex", "crist", "aur", "sil", "mol",
        ],
        suffixes: [
            "ite", "ide", "ane", "ix", "on", "ium", "ar", "ax", "oid", "ene", "ic", "al", "or", "ate",
        ]
    )
}
