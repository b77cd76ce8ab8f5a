/// Places that host generated clusters, and the words generated organisation names are made of.
enum Regions {
    struct Place: Sendable {
        let city: String
        let region: String
        let country: String
        /// ASCII slug of the city.
        let slug: String
    }

    static let places: [Place] = [
        Place(city: "Sapporo", region: "Hokkaido", country: "JP", slug: "sapporo"),
        Place(city: "Sendai", region: "Miyagi", country: "JP", slug: "sendai"),
        Place(city: "Morioka", region: "Iwate", country: "JP", slug: "morioka"),
        Place(city: "Akita", region: "Akita", country: "JP", slug: "akita"),
        Place(city: "Yonezawa", region: "Yamagata", country: "JP", slug: "yonezawa"),
        Place(city: "Koriyama", region: "Fukushima", country: "JP", slug: "koriyama"),
        Place(city: "Tsukuba", region: "Ibaraki", country: "JP", slug: "tsukuba"),
        Place(city: "Utsunomiya", region: "Tochigi", country: "JP", slug: "utsunomiya"),
        Place(city: "Kiryu", region: "Gunma", country: "JP", slug: "kiryu"),
        Place(city: "Kashiwa", region: "Chiba", country: "JP", slug: "kashiwa"),
        Place(city: "Kawasaki", region: "Kanagawa", country: "JP", slug: "kawasaki"),
        Place(city: "Nagaoka", region: "Niigata", country: "JP", slug: "nagaoka"),
        Place(city: "Toyama", region: "Toyama", country: "JP", slug: "toyama"),
        Place(city: "Kanazawa", region: "Ishikawa", country: "JP", slug: "kanazawa"),
        Place(city: "Fukui", region: "Fukui", country: "JP", slug: "fukui"),
        Place(city: "Kofu", region: "Yamanashi", country: "JP", slug: "kofu"),
        Place(city: "Suwa", region: "Nagano", country: "JP", slug: "suwa"),
        Place(city: "Gifu", region: "Gifu", country: "JP", slug: "gifu"),
        Place(city: "Hamamatsu", region: "Shizuoka", country: "JP", slug: "hamamatsu"),
        Place(city: "Nagoya", region: "Aichi", country: "JP", slug: "nagoya"),
        Place(city: "Yokkaichi", region: "Mie", country: "JP", slug: "yokkaichi"),
        Place(city: "Kusatsu", region: "Shiga", country: "JP", slug: "kusatsu"),
        Place(city: "Kyoto", region: "Kyoto", country: "JP", slug: "kyoto"),
        Place(city: "Suita", region: "Osaka", country: "JP", slug: "suita"),
        Place(city: "Kobe", region: "Hyogo", country: "JP", slug: "kobe"),
        Place(city: "Ikoma", region: "Nara", country: "JP", slug: "ikoma"),
        Place(city: "Okayama", region: "Okayama", country: "JP", slug: "okayama"),
        Place(city: "Higashihiroshima", region: "Hiroshima", country: "JP", slug: "higashihiroshima"),
        Place(city: "Ube", region: "Yamaguchi", country: "JP", slug: "ube"),
        Place(city: "Tokushima", region: "Tokushima", country: "JP", slug: "tokushima"),
        Place(city: "Takamatsu", region: "Kagawa", country: "JP", slug: "takamatsu"),
        Place(city: "Matsuyama", region: "Ehime", country: "JP", slug: "matsuyama"),
        Place(city: "Kochi", region: "Kochi", country: "JP", slug: "kochi"),
        Place(city: "Kitakyushu", region: "Fukuoka", country: "JP", slug: "kitakyushu"),
        Place(city: "Fukuoka", region: "Fukuoka", country: "JP", slug: "fukuoka"),
        Place(city: "Saga", region: "Saga", country: "JP", slug: "saga"),
        Place(city: "Nagasaki", region: "Nagasaki", country: "JP", slug: "nagasaki"),
        Place(city: "Kumamoto", region: "Kumamoto", country: "JP", slug: "kumamoto"),
        Place(city: "Oita", region: "Oita", country: "JP", slug: "oita"),
        Place(city: "Kagoshima", region: "Kagoshima", country: "JP", slug: "kagoshima"),
        Place(city: "Naha", region: "Okinawa", country: "JP", slug: "naha"),
        Place(city: "Toulouse", region: "Occitanie", country: "FR", slug: "toulouse"),
        Place(city: "Grenoble", region: "Auvergne-Rhône-Alpes", country: "FR", slug: "grenoble"),
        Place(city: "Bordeaux", region: "Nouvelle-Aquitaine", country: "FR", slug: "bordeaux"),
        Place(city: "Strasbourg", region: "Grand Est", country: "FR", slug: "strasbourg"),
        Place(city: "Sophia Antipolis", region: "Provence-Alpes-Côte d'Azur", country: "FR", slug: "sophia-antipolis"),
        Place(city: "Saclay", region: "Île-de-France", country: "FR", slug: "saclay"),
        Place(city: "Montréal", region: "Québec", country: "CA", slug: "montreal"),
        Place(city: "Sherbrooke", region: "Québec", country: "CA", slug: "sherbrooke"),
        Place(city: "Waterloo", region: "Ontario", country: "CA", slug: "waterloo"),
        Place(city: "Ottawa", region: "Ontario", country: "CA", slug: "ottawa"),
        Place(city: "Vancouver", region: "British Columbia", country: "CA", slug: "vancouver"),
        Place(city: "Kista", region: "Stockholm", country: "SE", slug: "kista"),
        Place(city: "Göteborg", region: "Västra Götaland", country: "SE", slug: "goteborg"),
        Place(city: "Linköping", region: "Östergötland", country: "SE", slug: "linkoping"),
        Place(city: "Lund", region: "Skåne", country: "SE", slug: "lund"),
        Place(city: "Lausanne", region: "Vaud", country: "CH", slug: "lausanne"),
        Place(city: "Zürich", region: "Zürich", country: "CH", slug: "zurich"),
        Place(city: "Basel", region: "Basel-Stadt", country: "CH", slug: "basel"),
        Place(city: "Neuchâtel", region: "Neuchâtel", country: "CH", slug: "neuchatel"),
        Place(city: "München", region: "Bayern", country: "DE", slug: "muenchen"),
        Place(city: "Stuttgart", region: "Baden-Württemberg", country: "DE", slug: "stuttgart"),
        Place(city: "Dresden", region: "Sachsen", country: "DE", slug: "dresden"),
        Place(city: "Aachen", region: "Nordrhein-Westfalen", country: "DE", slug: "aachen"),
        Place(city: "Hamburg", region: "Hamburg", country: "DE", slug: "hamburg"),
        Place(city: "Boston", region: "Massachusetts", country: "US", slug: "boston"),
        Place(city: "San Diego", region: "California", country: "US", slug: "san-diego"),
        Place(city: "Research Triangle", region: "North Carolina", country: "US", slug: "research-triangle"),
        Place(city: "Seattle", region: "Washington", country: "US", slug: "seattle"),
        Place(city: "Daejeon", region: "Daejeon", country: "KR", slug: "daejeon"),
        Place(city: "Pangyo", region: "Gyeonggi", country: "KR", slug: "pangyo"),
        Place(city: "Busan", region: "Busan", country: "KR", slug: "busan"),
        Place(city: "Cambridge", region: "East of England", country: "GB", slug: "cambridge"),
        Place(city: "Manchester", region: "North West England", country: "GB", slug: "manchester"),
        Place(city: "Edinburgh", region: "Scotland", country: "GB", slug: "edinburgh"),
        Place(city: "Bristol", region: "South West England", country: "GB", slug: "bristol"),
        Place(city: "Oulu", region: "North Ostrobothnia", country: "FI", slug: "oulu"),
        Place(city: "Eindhoven", region: "North Brabant", country: "NL", slug: "eindhoven"),
    ]

    /// Firm name stems and legal forms by country; `slugs` are ASCII forms of `stems`.
    struct FirmNaming: Sendable {
        let stems: [String]
        let slugs: [String]
        let legalForms: [String]
    }

    static func firmNaming(country: String) -> FirmNaming {
        switch country {
        case "JP":
            FirmNaming(
                stems: [
                    "Aozora", "Hikari", "Sakura", "Midori", "Yamato", "Tsubasa", "Hoshi", "Mirai", "Shinsei",
                    "Asahi", "Takumi", "Minato", "Kirameki", "Kawasemi", "Hayate", "Tenku",
                ],
                slugs: [
                    "aozora", "hikari", "sakura", "midori", "yamato", "tsubasa", "hoshi", "mirai", "shinsei",
                    "asahi", "takumi", "minato", "kirameki", "kawasemi", "hayate", "tenku",
                ],
                legalForms: ["Co., Ltd.", "Corporation", "K.K."])
        case "FR":
            FirmNaming(
                stems: ["Lumière", "Azur", "Garonne", "Mistral", "Étoile", "Horizon", "Vallée"],
                slugs: ["lumiere", "azur", "garonne", "mistral", "etoile", "horizon", "vallee"],
                legalForms: ["SAS", "SA"])
        case "CA":
            FirmNaming(
                stems: ["Maple", "Northern", "Laurentian", "Boreal", "Pacific", "Prairie"],
                slugs: ["maple", "northern", "laurentian", "boreal", "pacific", "prairie"],
                legalForms: ["Inc.", "Ltd."])
        case "SE":
            FirmNaming(
                stems: ["Nordvik", "Fjällsta", "Stjärna", "Skogby", "Isberg", "Vattenfors"],
                slugs: ["nordvik", "fjallsta", "stjarna", "skogby", "isberg", "vattenfors"],
                legalForms: ["AB"])
        case "CH":
            FirmNaming(
                stems: ["Alpenwerk", "Helvetic", "Jura", "Bergli", "Rhône"],
                slugs: ["alpenwerk", "helvetic", "jura", "bergli", "rhone"],
                legalForms: ["AG", "SA"])
        case "DE":
            FirmNaming(
                stems: ["Rheintal", "Nordlicht", "Präzisa", "Isarwerk", "Elbtal", "Schwarzwald"],
                slugs: ["rheintal", "nordlicht", "praezisa", "isarwerk", "elbtal", "schwarzwald"],
                legalForms: ["GmbH", "AG"])
        case "US":
            FirmNaming(
                stems: ["Liberty", "Summit", "Cascade", "Granite", "Bayview", "Pioneer"],
                slugs: ["liberty", "summit", "cascade", "granite", "bayview", "pioneer"],
                legalForms: ["Inc.", "LLC"])
        case "KR":
            FirmNaming(
                stems: ["Hanbit", "Saebom", "Daon", "Haneul", "Gaon"],
                slugs: ["hanbit", "saebom", "daon", "haneul", "gaon"],
                legalForms: ["Co., Ltd."])
        case "GB":
            FirmNaming(
                stems: ["Thames", "Pennine", "Highland", "Avon", "Cotswold"],
                slugs: ["thames", "pennine", "highland", "avon", "cotswold"],
                legalForms: ["Ltd", "plc"])
        case "FI":
            FirmNaming(stems: ["Revontuli", "Saimaa", "Kuura"], slugs: ["revontuli", "saimaa", "kuura"], legalForms: ["Oy"])
        default:
            FirmNaming(stems: ["Dommel", "Polder", "Kempen"], slugs: ["dommel", "polder", "kempen"], legalForms: ["B.V."])
        }
    }

    /// Industry words in firm names, by field index (aerospace, biotech, ict, nano).
    static let industries: [[String]] = [
        ["Aero", "Aerospace", "Avionics", "Propulsion", "Airframe", "Space Systems", "Flight Technologies"],
        ["Bio", "Pharma", "Medical", "Life Sciences", "Diagnostics", "Therapeutics", "Foods"],
        ["Systems", "Software", "Networks", "Electronics", "Robotics", "Data", "Devices"],
        ["Materials", "Chemicals", "Nanotech", "Coatings", "Ceramics", "Metals", "Precision"],
    ]

    /// How a cluster's name calls each field.
    static let fieldThemes = ["Aerospace", "Life Science", "IT", "Advanced Materials"]
}
