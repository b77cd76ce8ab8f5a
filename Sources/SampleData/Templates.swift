/// Sentence templates. Slots: {T} a term of the main topic, {U} another term of the main topic, {S} a term of the
/// secondary topic, {G} a general research term, {L} a generated long-tail term, {A} an application, {B} a benefit,
/// {N} a number 2-98, {K} a number 2-12, {F} the field's name, {O} the author ("our laboratory", "our company").
enum Templates {
    static let seedTitles: [String] = [
        "{T} for {A}", "Low-cost {T} using {L}", "{U} enhanced by {L}", "Novel {T} with {B}",
        "High-precision {T} based on {U}", "Integrated {T} and {U} platform for {A}", "Method for {G} in {T}",
        "Scalable {T} process for {A}", "{T} enabling {B}", "Compact {L} for {T}",
        "New approach to {T}: {B} in {A}", "Robust {T} combining {U} and {S}",
    ]

    static let needTitles: [String] = [
        "Seeking {T} for {A}", "Partner wanted: {T} to achieve {B}", "Request for {T} technology in {A}",
        "{T} solution needed for {A}", "Looking for {U} expertise to improve {G}", "Wanted: {T} with {B}",
        "Collaboration on {T} for {A}", "Need for {B} through {T}", "Technology search: {T} and {U}",
    ]

    static let titleExtensions: [String] = [
        " with {B}", " using {U}", " and {S}", " based on {L}", " combining {U} and {G}", " for improved {G}",
        " with {B} and {B}",
    ]

    static let seedSummaries: [String] = [
        "A {T} technology offering {B} for {A}.",
        "Based on {L}, it improves {G} by {N}% compared with conventional {U}.",
        "The method combines {T} with {S} and is suitable for {A}.",
        "Laboratory tests demonstrated {B} and {B}.",
        "It replaces costly {U} with a simpler process built on {L}.",
        "Prototypes are available for evaluation by partners in {A}.",
        "The {F} team behind it has long experience in {U} and {G}.",
    ]

    static let needSummaries: [String] = [
        "We seek {T} to achieve {B} in {A}.",
        "Current {U} cannot meet our {G} targets.",
        "Solutions based on {L} or {S} are welcome.",
        "The target is a gain of {N}% in {G} for {A}.",
        "Pilot testing is possible at our site, with support for {G}.",
        "We need {B} without changing our {U} line.",
        "A partner with {F} expertise in {T} is preferred.",
    ]

    static let seedOpeners: [String] = [
        "{O} has developed a new {T} technique that combines {U} with {G}.",
        "This invention concerns {T} and its use in {A}.",
        "{O} has established a method for {T} based on {L}.",
        "We offer a patented approach to {T} that addresses long-standing problems with {U}.",
        "The proposed technology integrates {T} and {S} into a single {G} workflow.",
        "{O} works on {T} for {A}, with a focus on {G}.",
        "Conventional {U} struggles with {G}; our {T} solves this with {L}.",
    ]

    static let seedBody: [String] = [
        "Compared with conventional {U}, the method achieves {B} and {B}.",
        "A prototype using {L} has been validated at laboratory scale, with {G} improved by {N}%.",
        "The key idea is to control {U} through {L}, which removes the need for {G}.",
        "Experiments show {B} at temperatures up to {N}0 °C.",
        "The approach is compatible with existing {U} equipment and standard {G} procedures.",
        "It can be applied to {A} as well as {A}.",
        "Simulation and {G} results indicate a reduction of {N}% in {G}.",
        "In addition, {S} can be incorporated to extend the range of applications.",
        "The core component, {L}, is produced by a simple, low-cost process.",
        "Measurements with {T} confirm {B}, even under demanding conditions.",
        "The technology has been demonstrated on {K} sample types, with features down to {N} µm.",
        "Unlike earlier solutions, it does not rely on {U} or expensive {G}.",
        "Further work on {G} and {G} is planned over the next {K} years.",
        "Potential users include manufacturers in {A} and suppliers of {U}.",
        "Results on {T} have been published in peer-reviewed journals and presented at international conferences.",
        "Data sets, {G} protocols and software for {T} are available to partners.",
        "A field trial of {K} months in {A} is under way.",
        "Key features: {T}; {L}; {B}.",
        "The method shortens {G} from {K} days to a few hours.",
        "The design rules cover {U}, {L} and {G}.",
        "Because {L} is stable in air, handling and {G} are straightforward.",
        "A comparison with {S} showed {B} at equal {G}.",
        "The team has filed {K} related applications on {T} and {L}.",
    ]

    static let seedClosers: [String] = [
        "We are looking for industrial partners interested in licensing or joint development for {A}.",
        "The laboratory welcomes joint research on {T} and can provide samples for evaluation.",
        "Partners are sought to scale up the process and bring it to {A}.",
        "Sponsored research and technical consulting on {U} are also possible.",
        "A licence is available for companies active in {A}.",
        "We would like to discuss {G} requirements with potential users in {A}.",
    ]

    static let needOpeners: [String] = [
        "{O} manufactures components for {A} and is looking for expertise in {T}.",
        "We are seeking a partner with experience in {T} to support our work on {A}.",
        "Our current process relies on {U}, which limits {G}.",
        "{O} wants to introduce {T} into its product line for {A}.",
        "We need a technology that enables {B} in {A}.",
        "Our customers in {A} increasingly ask for {B}, and {O} plans to meet this with {T}.",
    ]

    static let needBody: [String] = [
        "The target is {B} while keeping {G} within specification.",
        "Candidate solutions may involve {T}, {U} or {L}.",
        "We can provide test samples, {G} data and access to a pilot line.",
        "The solution must work at up to {N}0 °C and fit into existing {U} equipment.",
        "Previous attempts with {U} did not reach the required {G}.",
        "An improvement of {N}% in {G} over our present {U} would justify investment.",
        "We are particularly interested in approaches based on {L} or {S}.",
        "Integration with our {G} system and compatibility with {U} are essential.",
        "The expected volume is about {N},000 units per year.",
        "Evaluation will start with a feasibility study of {K} months.",
        "Knowledge of {S} would be an advantage.",
        "Cost per unit must fall by at least {N}%.",
        "We have identified {L} as a promising direction but lack in-house expertise.",
        "Key requirements: {T}; {B}; compatibility with {U}.",
        "The partner should be able to deliver {G} reports and support {G}.",
        "Our engineers have tested {U} and {L}, without reaching {B}.",
        "Tolerances of {N} µm must be held over a service life of {K} years.",
    ]

    static let needClosers: [String] = [
        "We welcome proposals from universities and research institutes, including those abroad.",
        "We are open to licensing, joint research or sponsored research, depending on the maturity of the technology.",
        "Please indicate the current maturity, IP position and expected timeline for {A}.",
        "Results should be ready for a pilot in {A} within {K} months.",
        "A non-disclosure agreement can be signed at an early stage.",
    ]

    static let sharedBody: [String] = [
        "Key aspects include {T}, {G} and {L}.",
        "Related topics are {S} and {U}.",
        "The work also touches on {G} and {G}.",
        "Experience with {T} in {A} is directly relevant.",
    ]
}
