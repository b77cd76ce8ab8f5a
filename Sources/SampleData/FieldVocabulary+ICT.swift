extension FieldVocabulary {
    static let ict = FieldVocabulary(
        code: "ict",
        label: "ICT",
        topics: [
            TopicVocabulary(
                name: "machine learning",
                terms: [
                    "deep learning", "convolutional neural network", "transformer model", "transfer learning",
                    "federated learning", "reinforcement learning", "explainable AI", "anomaly detection",
                    "model compression", "self-supervised learning", "graph neural network", "active learning",
                ]),
            TopicVocabulary(
                name: "natural language processing",
                terms: [
                    "natural language processing", "machine translation", "named entity recognition",
                    "large language model", "speech recognition", "text classification", "information retrieval",
                    "question answering", "sentiment analysis", "document summarisation", "dialogue system",
                    "Japanese morphological analysis",
                ]),
            TopicVocabulary(
                name: "computer vision",
                terms: [
                    "object detection", "semantic segmentation", "visual inspection", "pose estimation",
                    "3D reconstruction", "optical character recognition", "stereo vision", "video analytics",
                    "face recognition", "depth estimation", "point cloud processing", "image super-resolution",
                ]),
            TopicVocabulary(
                name: "wireless communication",
                terms: [
                    "5G network", "millimetre-wave antenna", "massive MIMO", "beamforming", "software-defined radio",
                    "network slicing", "low-power wide-area network", "Wi-Fi 6", "channel estimation",
                    "dynamic spectrum sharing", "visible light communication", "terahertz communication",
                ]),
            TopicVocabulary(
                name: "internet of things",
                terms: [
                    "Internet of Things", "wireless sensor network", "energy harvesting", "edge computing",
                    "LoRaWAN gateway", "sensor fusion", "smart meter", "condition monitoring",
                    "low-power microcontroller", "battery-free sensor node", "digital factory", "environmental sensing",
                ]),
            TopicVocabulary(
                name: "cybersecurity",
                terms: [
                    "intrusion detection", "zero trust architecture", "post-quantum cryptography", "secure boot",
                    "side-channel attack", "malware analysis", "homomorphic encryption", "hardware security module",
                    "vulnerability scanning", "attribute-based access control", "distributed ledger",
                    "privacy-preserving computation",
                ]),
            TopicVocabulary(
                name: "semiconductor devices",
                terms: [
                    "CMOS image sensor", "power semiconductor", "silicon carbide MOSFET", "gallium nitride transistor",
                    "chiplet integration", "FPGA acceleration", "ASIC design", "analogue front-end", "low-power SoC",
                    "wafer-level packaging", "memory controller", "RISC-V core",
                ]),
            TopicVocabulary(
                name: "robotics",
                terms: [
                    "industrial robot", "collaborative robot", "motion planning", "robotic grasping",
                    "simultaneous localisation and mapping", "autonomous mobile robot", "teleoperation",
                    "force control", "robot vision", "path planning", "legged robot", "human-robot interaction",
                ]),
            TopicVocabulary(
                name: "distributed systems",
                terms: [
                    "cloud computing", "container orchestration", "microservice architecture", "distributed database",
                    "stream processing", "serverless computing", "load balancing", "data pipeline", "fault tolerance",
                    "consensus protocol", "edge-cloud continuum", "high-performance computing",
                ]),
            TopicVocabulary(
                name: "photonics and optical networks",
                terms: [
                    "optical fibre communication", "silicon photonics", "wavelength division multiplexing",
                    "optical transceiver", "coherent detection", "photonic integrated circuit", "optical switch",
                    "free-space optics", "laser diode", "data centre interconnect", "optical amplifier",
                    "distributed fibre sensing",
                ]),
            TopicVocabulary(
                name: "human-computer interaction",
                terms: [
                    "augmented reality", "virtual reality", "haptic feedback", "gesture recognition", "eye tracking",
                    "user interface design", "head-mounted display", "spatial computing", "accessibility technology",
                    "digital signage", "voice user interface", "mixed reality training",
                ]),
            TopicVocabulary(
                name: "intelligent transport",
                terms: [
                    "autonomous driving", "LiDAR sensor", "advanced driver assistance system",
                    "vehicle-to-everything communication", "traffic flow prediction", "high-definition map",
                    "driver monitoring", "connected vehicle", "mobility as a service", "parking guidance",
                    "truck platooning", "automotive radar",
                ]),
            TopicVocabulary(
                name: "data analytics",
                terms: [
                    "big data analytics", "time series forecasting", "data visualisation", "recommender system",
                    "demand forecasting", "data lake", "knowledge graph", "process mining", "causal inference",
                    "mathematical optimisation", "digital twin", "open data platform",
                ]),
            TopicVocabulary(
                name: "quantum technology",
                terms: [
                    "quantum computing", "quantum annealing", "qubit control", "quantum key distribution",
                    "quantum error correction", "quantum sensing", "superconducting qubit", "quantum simulation",
                    "variational quantum algorithm", "quantum random number generator", "photonic quantum processor",
                    "trapped ion",
                ]),
            TopicVocabulary(
                name: "embedded software",
                terms: [
                    "embedded software", "real-time operating system", "model-based design", "software verification",
                    "formal methods", "static analysis", "continuous integration", "firmware update over the air",
                    "functional safety", "AUTOSAR", "test automation", "legacy system migration",
                ]),
            TopicVocabulary(
                name: "energy informatics",
                terms: [
                    "smart grid", "demand response", "energy management system", "battery management system",
                    "power conversion", "virtual power plant", "solar inverter", "microgrid control",
                    "load forecasting", "wireless power transfer", "vehicle-to-grid", "building energy management",
                ]),
            TopicVocabulary(
                name: "signal processing",
                terms: [
                    "digital signal processing", "audio signal processing", "active noise cancellation",
                    "acoustic echo cancellation", "compressed sensing", "radar imaging", "ultrasonic sensing",
                    "vibration analysis", "speech enhancement", "beam steering", "spectral analysis",
                    "blind source separation",
                ]),
            TopicVocabulary(
                name: "displays",
                terms: [
                    "organic light-emitting diode", "micro-LED display", "flexible display", "image sensor",
                    "thin-film transistor backplane", "e-paper", "holographic display", "projector optics",
                    "touch panel", "quantum dot display", "mini-LED backlight", "display driver IC",
                ]),
        ],
        applications: [
            "smart factories", "logistics warehouses", "retail stores", "financial services", "telecom operators",
            "municipal services", "agriculture monitoring", "automotive electronics", "consumer electronics",
            "infrastructure inspection", "disaster prevention", "tourism services", "call centres",
            "education platforms", "railway operations", "power utilities", "construction sites", "data centres",
            "broadcasting", "public safety",
        ],
        heads: [
            "protocol", "encoder", "scheduler", "controller", "pipeline", "transceiver", "compiler", "kernel",
            "classifier", "middleware", "codec", "antenna", "framework", "accelerator", "interface", "estimator",
        ],
        prefixes: [
            "cyber", "info", "tele", "data", "nano", "opti", "quanto", "electro", "crypto", "holo", "syn",
            "omni", "meta", "neuro", "photo", "techno",
        ],
        roots: [
            "net", "log", "graph", "tron", "link", "sync", "bit", "phon", "scal", "mesh", "flow", "vect",
            "pix", "mod", "spec", "cod", "rout", "core", "sens", "form", "stack", "quant", "grid", "tens",
        ],
        suffixes: [
            "ix", "on", "ic", "ware", "er", "or", "ion", "al", "ex", "ity", "ics", "ome", "ar", "is",
        ]
    )
}
