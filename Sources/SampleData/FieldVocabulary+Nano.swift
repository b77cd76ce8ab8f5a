extension FieldVocabulary {
    static let nano = FieldVocabulary(
        code: "nano",
        label: "nanomaterials",
        topics: [
            TopicVocabulary(
                name: "carbon nanomaterials",
                terms: [
                    "carbon nanotube", "graphene oxide", "graphene film", "fullerene derivative", "carbon nanofibre",
                    "nanodiamond", "carbon quantum dot", "reduced graphene oxide", "single-walled carbon nanotube",
                    "CVD graphene growth", "nanotube dispersion", "conductive graphene ink",
                ]),
            TopicVocabulary(
                name: "thin films",
                terms: [
                    "thin film deposition", "atomic layer deposition", "magnetron sputtering",
                    "chemical vapour deposition", "pulsed laser deposition", "epitaxial growth",
                    "molecular beam epitaxy", "film thickness uniformity", "diamond-like carbon",
                    "transparent conductive oxide", "gas barrier film", "plasma-enhanced CVD",
                ]),
            TopicVocabulary(
                name: "nanoparticles",
                terms: [
                    "metal nanoparticle", "gold nanoparticle", "silver nanowire", "core-shell nanoparticle",
                    "magnetic nanoparticle", "nanoparticle synthesis", "particle size distribution",
                    "colloidal stability", "surface functionalisation", "quantum dot", "nanoparticle dispersion",
                    "mesoporous silica",
                ]),
            TopicVocabulary(
                name: "catalysis",
                terms: [
                    "heterogeneous catalyst", "visible-light photocatalyst", "electrocatalyst", "single-atom catalyst",
                    "zeolite catalyst", "titanium dioxide photocatalyst", "hydrogen evolution reaction",
                    "oxygen reduction reaction", "CO2 reduction", "catalyst support", "precious-metal-free catalyst",
                    "exhaust gas catalyst",
                ]),
            TopicVocabulary(
                name: "energy storage",
                terms: [
                    "lithium-ion battery", "solid-state electrolyte", "silicon anode", "high-nickel cathode",
                    "sodium-ion battery", "supercapacitor", "lithium-sulphur battery", "separator membrane",
                    "electrode binder", "all-solid-state battery", "dendrite suppression", "fast charging",
                ]),
            TopicVocabulary(
                name: "fuel cells and hydrogen",
                terms: [
                    "polymer electrolyte fuel cell", "solid oxide fuel cell", "proton exchange membrane",
                    "hydrogen storage alloy", "water electrolysis", "platinum catalyst", "gas diffusion layer",
                    "membrane electrode assembly", "ammonia synthesis", "hydrogen permeation", "metal hydride",
                    "bipolar plate",
                ]),
            TopicVocabulary(
                name: "photovoltaics",
                terms: [
                    "perovskite solar cell", "thin-film solar cell", "tandem solar cell", "dye-sensitised solar cell",
                    "organic photovoltaics", "surface passivation layer", "power conversion efficiency",
                    "antireflection coating", "silicon heterojunction", "light trapping", "encapsulation film",
                    "photovoltaic degradation",
                ]),
            TopicVocabulary(
                name: "functional surfaces",
                terms: [
                    "superhydrophobic surface", "self-cleaning coating", "anti-fouling coating", "hard coating",
                    "corrosion-resistant coating", "moth-eye nanostructure", "surface roughness", "wettability control",
                    "tribological coating", "self-healing coating", "plasma surface treatment",
                    "anti-fingerprint coating",
                ]),
            TopicVocabulary(
                name: "nanofabrication",
                terms: [
                    "nanoimprint lithography", "electron beam lithography", "extreme ultraviolet lithography",
                    "molecular self-assembly", "block copolymer patterning", "reactive ion etching", "focused ion beam",
                    "nanopatterning", "chemically amplified photoresist", "MEMS fabrication", "wafer bonding",
                    "directed self-assembly",
                ]),
            TopicVocabulary(
                name: "characterisation",
                terms: [
                    "transmission electron microscopy", "scanning probe microscopy", "atomic force microscopy",
                    "X-ray diffraction", "Raman spectroscopy", "X-ray photoelectron spectroscopy",
                    "synchrotron radiation", "neutron scattering", "in-situ observation", "nanoindentation",
                    "secondary ion mass spectrometry", "cryo-electron microscopy",
                ]),
            TopicVocabulary(
                name: "polymers and soft matter",
                terms: [
                    "polymer nanocomposite", "biodegradable plastic", "cellulose nanofibre", "tough hydrogel",
                    "liquid crystal polymer", "shape memory polymer", "conductive polymer", "polymer blend",
                    "thermoplastic elastomer", "self-healing polymer", "bio-based polymer", "polymer membrane",
                ]),
            TopicVocabulary(
                name: "ceramics",
                terms: [
                    "advanced ceramics", "piezoelectric ceramic", "sintering process", "silicon nitride",
                    "alumina substrate", "zirconia", "ceramic powder", "glass ceramic", "high thermal conductivity",
                    "low-loss dielectric", "lead-free piezoelectric", "ferrite core",
                ]),
            TopicVocabulary(
                name: "magnetic materials",
                terms: [
                    "spintronics", "magnetic tunnel junction", "permanent magnet", "rare-earth-free magnet",
                    "neodymium magnet", "magnetic thin film", "soft magnetic material", "magnetoresistive sensor",
                    "spin-orbit torque", "magnetic skyrmion", "magnetostriction", "magnetocaloric refrigeration",
                ]),
            TopicVocabulary(
                name: "nanobiotechnology",
                terms: [
                    "nanomedicine", "nanobiosensor", "DNA origami", "nanopore sequencing", "plasmonic sensor",
                    "surface-enhanced Raman scattering", "lab-on-a-chip", "nanotoxicity", "exosome isolation",
                    "targeted nanoparticle", "biomimetic material", "protein corona",
                ]),
            TopicVocabulary(
                name: "thermal materials",
                terms: [
                    "thermoelectric material", "thermoelectric generator", "phonon engineering", "heat dissipation",
                    "thermal interface material", "thermal management", "waste heat recovery", "silica aerogel",
                    "phase change material", "radiative cooling", "graphite heat spreader", "Seebeck coefficient",
                ]),
            TopicVocabulary(
                name: "separation materials",
                terms: [
                    "separation membrane", "water purification", "reverse osmosis", "metal-organic framework",
                    "gas separation", "adsorbent material", "seawater desalination", "porous material",
                    "covalent organic framework", "ion exchange membrane", "CO2 capture", "filtration efficiency",
                ]),
            TopicVocabulary(
                name: "two-dimensional materials",
                terms: [
                    "two-dimensional material", "transition metal dichalcogenide", "molybdenum disulphide",
                    "hexagonal boron nitride", "gallium oxide", "wide-bandgap semiconductor", "oxide semiconductor",
                    "IGZO thin film", "nanowire transistor", "van der Waals heterostructure", "quantum well",
                    "crystal defect control",
                ]),
            TopicVocabulary(
                name: "nanostructured metals",
                terms: [
                    "nanocrystalline metal", "high-entropy alloy", "amorphous alloy", "metallic glass",
                    "grain refinement", "powder metallurgy", "severe plastic deformation", "precipitation hardening",
                    "rare metal recycling", "computational alloy design", "high-strength steel",
                    "intermetallic compound",
                ]),
        ],
        applications: [
            "battery manufacturing", "semiconductor fabs", "automotive parts", "solar power plants",
            "water treatment plants", "chemical plants", "packaging films", "construction materials",
            "electronic components", "medical implants", "textiles", "printed electronics", "optical lenses",
            "hydrogen stations", "machine tools", "household appliances", "cosmetics", "paints and inks",
            "wind turbines", "precision bearings",
        ],
        heads: [
            "film", "coating", "nanocomposite", "membrane", "catalyst", "electrode", "powder", "alloy", "nanosheet",
            "dispersion", "crystal", "nanofibre", "layer", "ink", "oxide", "resin",
        ],
        prefixes: [
            "nano", "poly", "meso", "fluoro", "silico", "carbo", "alumino", "titano", "zirco", "boro", "phospho",
            "sulfo", "ferro", "cupro", "mangano", "lantha",
        ],
        roots: [
            "sil", "carb", "fluor", "lith", "ox", "nitr", "sulf", "graph", "cycl", "mer", "zol", "phen", "vinyl",
            "amin", "styr", "ethyl", "thi", "tung", "moly", "van", "gall", "zinc", "stann", "bism",
        ],
        suffixes: [
            "ane", "ene", "ide", "ite", "ate", "imide", "oxane", "ium", "azane", "ol", "yne", "ole", "ite", "ine",
        ]
    )
}
