extension FieldVocabulary {
    static let biotech = FieldVocabulary(
        code: "biotech",
        label: "life science",
        topics: [
            TopicVocabulary(
                name: "drug discovery",
                terms: [
                    "high-throughput screening", "small molecule inhibitor", "lead optimisation",
                    "structure-activity relationship", "target validation", "fragment-based drug design",
                    "kinase inhibitor", "ADMET prediction", "compound library", "hit-to-lead", "allosteric modulator",
                    "pharmacophore model",
                ]),
            TopicVocabulary(
                name: "biologics",
                terms: [
                    "monoclonal antibody", "bispecific antibody", "antibody-drug conjugate", "humanised antibody",
                    "Fc engineering", "protein purification", "CHO cell line", "glycosylation profile", "biosimilar",
                    "epitope mapping", "nanobody", "affinity maturation",
                ]),
            TopicVocabulary(
                name: "regenerative medicine",
                terms: [
                    "induced pluripotent stem cell", "iPS cell-derived cardiomyocyte", "cell sheet engineering",
                    "organoid culture", "scaffold-free tissue", "mesenchymal stem cell", "cell differentiation protocol",
                    "3D bioprinting", "cartilage regeneration", "retinal pigment epithelium", "cell therapy manufacturing",
                    "GMP cell processing",
                ]),
            TopicVocabulary(
                name: "gene therapy and editing",
                terms: [
                    "CRISPR-Cas9", "base editing", "adeno-associated virus vector", "lentiviral vector",
                    "guide RNA design", "off-target analysis", "gene knockout", "prime editing", "ex vivo gene therapy",
                    "transfection efficiency", "non-viral gene delivery", "RNA interference",
                ]),
            TopicVocabulary(
                name: "diagnostics",
                terms: [
                    "point-of-care diagnostics", "lateral flow assay", "immunoassay", "biomarker panel", "liquid biopsy",
                    "circulating tumour DNA", "multiplex PCR", "isothermal amplification", "ELISA",
                    "companion diagnostic", "rapid antigen test", "microfluidic cartridge",
                ]),
            TopicVocabulary(
                name: "medical imaging",
                terms: [
                    "magnetic resonance imaging", "positron emission tomography", "ultrasound imaging",
                    "optical coherence tomography", "contrast agent", "image reconstruction", "photoacoustic imaging",
                    "low-dose CT", "molecular imaging probe", "endoscopic imaging", "fluorescence-guided surgery",
                    "radiomics",
                ]),
            TopicVocabulary(
                name: "medical devices",
                terms: [
                    "implantable device", "catheter design", "stent coating", "wearable biosensor",
                    "continuous glucose monitoring", "surgical robot", "minimally invasive surgery",
                    "orthopaedic implant", "cochlear implant", "drug-eluting stent", "infusion pump",
                    "biocompatibility testing",
                ]),
            TopicVocabulary(
                name: "genomics",
                terms: [
                    "next-generation sequencing", "whole genome sequencing", "single-cell RNA sequencing",
                    "variant calling", "genome-wide association study", "transcriptome analysis", "epigenetic marker",
                    "DNA methylation", "metagenomics", "long-read sequencing", "polygenic risk score",
                    "spatial transcriptomics",
                ]),
            TopicVocabulary(
                name: "vaccines and immunology",
                terms: [
                    "mRNA vaccine", "lipid nanoparticle", "adjuvant formulation", "T-cell response",
                    "neutralising antibody", "immune checkpoint", "CAR-T cell", "cytokine profiling",
                    "antigen presentation", "mucosal immunity", "allergen immunotherapy", "vaccine thermostability",
                ]),
            TopicVocabulary(
                name: "drug delivery",
                terms: [
                    "controlled release", "transdermal patch", "liposomal formulation", "polymeric micelle",
                    "targeted delivery", "oral bioavailability", "sustained-release injectable", "inhalation formulation",
                    "blood-brain barrier", "hydrogel depot", "microneedle array", "nanocarrier",
                ]),
            TopicVocabulary(
                name: "food science",
                terms: [
                    "functional food", "probiotic strain", "gut microbiome", "fermentation process", "food preservation",
                    "plant-based protein", "dietary fibre", "polyphenol extract", "shelf-life extension",
                    "allergen detection", "flavour compound", "food safety testing",
                ]),
            TopicVocabulary(
                name: "agricultural biotechnology",
                terms: [
                    "crop breeding", "genome-edited crop", "marker-assisted selection", "plant disease resistance",
                    "biofertiliser", "biopesticide", "drought tolerance", "rice cultivar", "soil microbiome",
                    "aquaculture feed", "livestock vaccine", "seed coating",
                ]),
            TopicVocabulary(
                name: "neuroscience",
                terms: [
                    "neurodegenerative disease", "Alzheimer's disease biomarker", "brain-computer interface",
                    "deep brain stimulation", "neural organoid", "amyloid beta", "neuroinflammation",
                    "electroencephalography", "synaptic plasticity", "Parkinson's disease model", "spinal cord injury",
                    "neuroprotective compound",
                ]),
            TopicVocabulary(
                name: "oncology",
                terms: [
                    "tumour microenvironment", "cancer immunotherapy", "targeted therapy", "oncolytic virus",
                    "tumour-infiltrating lymphocyte", "radiosensitiser", "metastasis model", "patient-derived xenograft",
                    "chemotherapy resistance", "boron neutron capture therapy", "heavy ion therapy", "tumour marker",
                ]),
            TopicVocabulary(
                name: "bioprocessing",
                terms: [
                    "bioreactor scale-up", "perfusion culture", "cell culture medium", "downstream processing",
                    "continuous bioprocessing", "chromatography resin", "viral clearance",
                    "process analytical technology", "single-use bioreactor", "fed-batch process", "viable cell density",
                    "titre improvement",
                ]),
            TopicVocabulary(
                name: "digital health",
                terms: [
                    "electronic health record", "clinical decision support", "telemedicine platform",
                    "remote patient monitoring", "medical image AI", "wearable ECG", "digital therapeutics",
                    "patient stratification", "real-world evidence", "health data interoperability", "sleep monitoring",
                    "fall detection",
                ]),
            TopicVocabulary(
                name: "rehabilitation and ageing",
                terms: [
                    "rehabilitation robot", "wearable exoskeleton", "gait analysis", "frailty assessment",
                    "prosthetic limb", "elderly care monitoring", "dysphagia diet", "cognitive training",
                    "pressure ulcer prevention", "sarcopenia", "assistive device", "balance training",
                ]),
            TopicVocabulary(
                name: "infectious disease",
                terms: [
                    "antimicrobial resistance", "antibiotic discovery", "bacteriophage therapy", "antiviral compound",
                    "pathogen detection", "biofilm inhibition", "hospital-acquired infection", "UV-C disinfection",
                    "zoonotic virus", "sepsis diagnosis", "antifungal agent", "infection surveillance",
                ]),
        ],
        applications: [
            "hospital laboratories", "clinical trials", "regenerative therapy", "cancer treatment",
            "elderly care facilities", "pharmaceutical manufacturing", "veterinary medicine", "food processing plants",
            "rice and vegetable farming", "home healthcare", "rare disease treatment", "contract research",
            "blood screening", "dental care", "sports medicine", "public health surveillance", "aquaculture",
            "cosmetics", "personalised medicine", "emergency medicine",
        ],
        heads: [
            "inhibitor", "assay", "probe", "peptide", "ligand", "vector", "scaffold", "marker", "conjugate",
            "antibody", "strain", "formulation", "receptor", "enzyme", "biosensor", "substrate",
        ],
        prefixes: [
            "bio", "immuno", "cyto", "neuro", "onco", "geno", "myco", "hepato", "cardio", "glyco", "lipo",
            "proteo", "entero", "osteo", "derma", "hemo",
        ],
        roots: [
            "pept", "kin", "fer", "lact", "tox", "gen", "cyt", "plasm", "mab", "zym", "nucle", "ribo", "sacchar",
            "stat", "fib", "lys", "phag", "myel", "vir", "crin", "trop", "morph", "thel", "sarc",
        ],
        suffixes: [
            "ase", "in", "ine", "ol", "ide", "ome", "ogen", "amide", "ate", "one", "ulin", "ocyte", "osin", "ex",
        ]
    )
}
