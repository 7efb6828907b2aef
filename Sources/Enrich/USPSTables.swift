/// The USPS Publication 28 tables address standardization needs: street suffixes (Appendix C1),
/// secondary unit designators (Appendix C2), directionals, and the spelled-out numbers USPS writes in figures.
enum USPSTables {
    /// Publication 28 Appendix C1, row by row: the primary street suffix name, the Postal Service standard
    /// abbreviation, and the commonly used suffixes and abbreviations the appendix lists for it (205 rows,
    /// in the appendix's order).
    static let suffixRows: [(primary: String, standard: String, common: [String])] = [
        ("ALLEY", "ALY", ["ALLEE", "ALLY"]), ("ANEX", "ANX", ["ANNEX", "ANNX"]), ("ARCADE", "ARC", []),
        ("AVENUE", "AVE", ["AV", "AVEN", "AVENU", "AVN", "AVNUE"]), ("BAYOU", "BYU", ["BAYOO"]), ("BEACH", "BCH", []),
        ("BEND", "BND", []), ("BLUFF", "BLF", ["BLUF"]), ("BLUFFS", "BLFS", []), ("BOTTOM", "BTM", ["BOT", "BOTTM"]),
        ("BOULEVARD", "BLVD", ["BOUL", "BOULV"]), ("BRANCH", "BR", ["BRNCH"]), ("BRIDGE", "BRG", ["BRDGE"]), ("BROOK", "BRK", []),
        ("BROOKS", "BRKS", []), ("BURG", "BG", []), ("BURGS", "BGS", []), ("BYPASS", "BYP", ["BYPA", "BYPAS", "BYPS"]),
        ("CAMP", "CP", ["CMP"]), ("CANYON", "CYN", ["CANYN", "CNYN"]), ("CAPE", "CPE", []), ("CAUSEWAY", "CSWY", ["CAUSWA"]),
        ("CENTER", "CTR", ["CEN", "CENT", "CENTR", "CENTRE", "CNTER", "CNTR"]), ("CENTERS", "CTRS", []),
        ("CIRCLE", "CIR", ["CIRC", "CIRCL", "CRCL", "CRCLE"]), ("CIRCLES", "CIRS", []), ("CLIFF", "CLF", []), ("CLIFFS", "CLFS", []),
        ("CLUB", "CLB", []), ("COMMON", "CMN", []), ("COMMONS", "CMNS", []), ("CORNER", "COR", []), ("CORNERS", "CORS", []),
        ("COURSE", "CRSE", []), ("COURT", "CT", []), ("COURTS", "CTS", []), ("COVE", "CV", []), ("COVES", "CVS", []),
        ("CREEK", "CRK", []), ("CRESCENT", "CRES", ["CRSENT", "CRSNT"]), ("CREST", "CRST", []), ("CROSSING", "XING", ["CRSSNG"]),
        ("CROSSROAD", "XRD", []), ("CROSSROADS", "XRDS", []), ("CURVE", "CURV", []), ("DALE", "DL", []), ("DAM", "DM", []),
        ("DIVIDE", "DV", ["DIV", "DVD"]), ("DRIVE", "DR", ["DRIV", "DRV"]), ("DRIVES", "DRS", []), ("ESTATE", "EST", []),
        ("ESTATES", "ESTS", []), ("EXPRESSWAY", "EXPY", ["EXP", "EXPR", "EXPRESS", "EXPW"]), ("EXTENSION", "EXT", ["EXTN", "EXTNSN"]),
        ("EXTENSIONS", "EXTS", []), ("FALL", "FALL", []), ("FALLS", "FLS", []), ("FERRY", "FRY", ["FRRY"]), ("FIELD", "FLD", []),
        ("FIELDS", "FLDS", []), ("FLAT", "FLT", []), ("FLATS", "FLTS", []), ("FORD", "FRD", []), ("FORDS", "FRDS", []),
        ("FOREST", "FRST", ["FORESTS"]), ("FORGE", "FRG", ["FORG"]), ("FORGES", "FRGS", []), ("FORK", "FRK", []),
        ("FORKS", "FRKS", []), ("FORT", "FT", ["FRT"]), ("FREEWAY", "FWY", ["FREEWY", "FRWAY", "FRWY"]),
        ("GARDEN", "GDN", ["GARDN", "GRDEN", "GRDN"]), ("GARDENS", "GDNS", ["GRDNS"]),
        ("GATEWAY", "GTWY", ["GATEWY", "GATWAY", "GTWAY"]), ("GLEN", "GLN", []), ("GLENS", "GLNS", []), ("GREEN", "GRN", []),
        ("GREENS", "GRNS", []), ("GROVE", "GRV", ["GROV"]), ("GROVES", "GRVS", []), ("HARBOR", "HBR", ["HARB", "HARBR", "HRBOR"]),
        ("HARBORS", "HBRS", []), ("HAVEN", "HVN", []), ("HEIGHTS", "HTS", ["HT"]),
        ("HIGHWAY", "HWY", ["HIGHWY", "HIWAY", "HIWY", "HWAY"]), ("HILL", "HL", []), ("HILLS", "HLS", []),
        ("HOLLOW", "HOLW", ["HLLW", "HOLLOWS", "HOLWS"]), ("INLET", "INLT", []), ("ISLAND", "IS", ["ISLND"]),
        ("ISLANDS", "ISS", ["ISLNDS"]), ("ISLE", "ISLE", ["ISLES"]), ("JUNCTION", "JCT", ["JCTION", "JCTN", "JUNCTN", "JUNCTON"]),
        ("JUNCTIONS", "JCTS", ["JCTNS"]), ("KEY", "KY", []), ("KEYS", "KYS", []), ("KNOLL", "KNL", ["KNOL"]), ("KNOLLS", "KNLS", []),
        ("LAKE", "LK", []), ("LAKES", "LKS", []), ("LAND", "LAND", []), ("LANDING", "LNDG", ["LNDNG"]), ("LANE", "LN", []),
        ("LIGHT", "LGT", []), ("LIGHTS", "LGTS", []), ("LOAF", "LF", []), ("LOCK", "LCK", []), ("LOCKS", "LCKS", []),
        ("LODGE", "LDG", ["LDGE", "LODG"]), ("LOOP", "LOOP", ["LOOPS"]), ("MALL", "MALL", []), ("MANOR", "MNR", []),
        ("MANORS", "MNRS", []), ("MEADOW", "MDW", []), ("MEADOWS", "MDWS", ["MDW", "MEDOWS"]), ("MEWS", "MEWS", []),
        ("MILL", "ML", []), ("MILLS", "MLS", []), ("MISSION", "MSN", ["MISSN", "MSSN"]), ("MOTORWAY", "MTWY", []),
        ("MOUNT", "MT", ["MNT"]), ("MOUNTAIN", "MTN", ["MNTAIN", "MNTN", "MOUNTIN", "MTIN"]), ("MOUNTAINS", "MTNS", ["MNTNS"]),
        ("NECK", "NCK", []), ("ORCHARD", "ORCH", ["ORCHRD"]), ("OVAL", "OVAL", ["OVL"]), ("OVERPASS", "OPAS", []),
        ("PARK", "PARK", ["PRK", "PARKS"]), ("PARKWAY", "PKWY", ["PARKWY", "PKWAY", "PKY"]), ("PARKWAYS", "PKWY", ["PKWYS"]),
        ("PASS", "PASS", []), ("PASSAGE", "PSGE", []), ("PATH", "PATH", ["PATHS"]), ("PIKE", "PIKE", ["PIKES"]), ("PINE", "PNE", []),
        ("PINES", "PNES", []), ("PLACE", "PL", []), ("PLAIN", "PLN", []), ("PLAINS", "PLNS", []), ("PLAZA", "PLZ", ["PLZA"]),
        ("POINT", "PT", []), ("POINTS", "PTS", []), ("PORT", "PRT", []), ("PORTS", "PRTS", []), ("PRAIRIE", "PR", ["PRR"]),
        ("RADIAL", "RADL", ["RAD", "RADIEL"]), ("RAMP", "RAMP", []), ("RANCH", "RNCH", ["RANCHES", "RNCHS"]), ("RAPID", "RPD", []),
        ("RAPIDS", "RPDS", []), ("REST", "RST", []), ("RIDGE", "RDG", ["RDGE"]), ("RIDGES", "RDGS", []),
        ("RIVER", "RIV", ["RVR", "RIVR"]), ("ROAD", "RD", []), ("ROADS", "RDS", []), ("ROUTE", "RTE", []), ("ROW", "ROW", []),
        ("RUE", "RUE", []), ("RUN", "RUN", []), ("SHOAL", "SHL", []), ("SHOALS", "SHLS", []), ("SHORE", "SHR", ["SHOAR"]),
        ("SHORES", "SHRS", ["SHOARS"]), ("SKYWAY", "SKWY", []), ("SPRING", "SPG", ["SPNG", "SPRNG"]),
        ("SPRINGS", "SPGS", ["SPNGS", "SPRNGS"]), ("SPUR", "SPUR", []), ("SPURS", "SPUR", []),
        ("SQUARE", "SQ", ["SQR", "SQRE", "SQU"]), ("SQUARES", "SQS", ["SQRS"]), ("STATION", "STA", ["STATN", "STN"]),
        ("STRAVENUE", "STRA", ["STRAV", "STRAVEN", "STRAVN", "STRVN", "STRVNUE"]), ("STREAM", "STRM", ["STREME"]),
        ("STREET", "ST", ["STRT", "STR"]), ("STREETS", "STS", []), ("SUMMIT", "SMT", ["SUMIT", "SUMITT"]),
        ("TERRACE", "TER", ["TERR"]), ("THROUGHWAY", "TRWY", []), ("TRACE", "TRCE", ["TRACES"]),
        ("TRACK", "TRAK", ["TRACKS", "TRK", "TRKS"]), ("TRAFFICWAY", "TRFY", []), ("TRAIL", "TRL", ["TRAILS", "TRLS"]),
        ("TRAILER", "TRLR", ["TRLRS"]), ("TUNNEL", "TUNL", ["TUNEL", "TUNLS", "TUNNELS", "TUNNL"]),
        ("TURNPIKE", "TPKE", ["TRNPK", "TURNPK"]), ("UNDERPASS", "UPAS", []), ("UNION", "UN", []), ("UNIONS", "UNS", []),
        ("VALLEY", "VLY", ["VALLY", "VLLY"]), ("VALLEYS", "VLYS", []), ("VIADUCT", "VIA", ["VDCT", "VIADCT"]), ("VIEW", "VW", []),
        ("VIEWS", "VWS", []), ("VILLAGE", "VLG", ["VILL", "VILLAG", "VILLG", "VILLIAGE"]), ("VILLAGES", "VLGS", []),
        ("VILLE", "VL", []), ("VISTA", "VIS", ["VIST", "VST", "VSTA"]), ("WALK", "WALK", []), ("WALKS", "WALK", []),
        ("WALL", "WALL", []), ("WAY", "WAY", ["WY"]), ("WAYS", "WAYS", []), ("WELL", "WL", []), ("WELLS", "WLS", []),
    ]

    /// Every spelling of a street suffix C1 lists → its standard abbreviation. Where the appendix lists a
    /// spelling under two names (`MDW` under MEADOW and MEADOWS, `PKWY` under PARKWAY and PARKWAYS), the
    /// first row's standard stands.
    static let suffixes: [String: String] = {
        var table: [String: String] = [:]
        for row in suffixRows {
            for spelling in [row.primary, row.standard] + row.common where table[spelling] == nil { table[spelling] = row.standard }
        }
        return table
    }()

    /// Secondary unit designators (C2) → standard abbreviation. `#` is handled by the parser.
    static let units: [String: String] = [
        "APARTMENT": "APT", "APT": "APT", "BASEMENT": "BSMT", "BSMT": "BSMT", "BUILDING": "BLDG", "BLDG": "BLDG",
        "DEPARTMENT": "DEPT", "DEPT": "DEPT", "FLOOR": "FL", "FL": "FL", "FRONT": "FRNT", "FRNT": "FRNT",
        "HANGAR": "HNGR", "HNGR": "HNGR", "LOBBY": "LBBY", "LBBY": "LBBY", "LOT": "LOT", "LOWER": "LOWR", "LOWR": "LOWR",
        "OFFICE": "OFC", "OFC": "OFC", "PENTHOUSE": "PH", "PH": "PH", "PIER": "PIER", "REAR": "REAR", "ROOM": "RM", "RM": "RM",
        "SIDE": "SIDE", "SLIP": "SLIP", "SPACE": "SPC", "SPC": "SPC", "STOP": "STOP", "SUITE": "STE", "STE": "STE",
        "TRAILER": "TRLR", "TRLR": "TRLR", "UNIT": "UNIT", "UPPER": "UPPR", "UPPR": "UPPR",
    ]

    /// Designators that need no number (C2: basement, front, lobby, lower, office, penthouse, rear, side, upper).
    static let unitsWithoutNumber: Set<String> = ["BSMT", "FRNT", "LBBY", "LOWR", "OFC", "PH", "REAR", "SIDE", "UPPR"]

    static let directionals: [String: String] = [
        "NORTH": "N", "N": "N", "SOUTH": "S", "S": "S", "EAST": "E", "E": "E", "WEST": "W", "W": "W",
        "NORTHEAST": "NE", "NE": "NE", "NORTHWEST": "NW", "NW": "NW", "SOUTHEAST": "SE", "SE": "SE", "SOUTHWEST": "SW", "SW": "SW",
    ]

    /// Spelled-out house numbers, written in figures.
    static let cardinals: [String: String] = [
        "ONE": "1", "TWO": "2", "THREE": "3", "FOUR": "4", "FIVE": "5", "SIX": "6", "SEVEN": "7", "EIGHT": "8", "NINE": "9",
        "TEN": "10", "ELEVEN": "11", "TWELVE": "12", "THIRTEEN": "13", "FOURTEEN": "14", "FIFTEEN": "15", "SIXTEEN": "16",
        "SEVENTEEN": "17", "EIGHTEEN": "18", "NINETEEN": "19", "TWENTY": "20",
    ]

    /// Spelled-out ordinal street names, written as USPS does (`FIRST` → `1ST`).
    static let ordinals: [String: String] = [
        "FIRST": "1ST", "SECOND": "2ND", "THIRD": "3RD", "FOURTH": "4TH", "FIFTH": "5TH", "SIXTH": "6TH", "SEVENTH": "7TH",
        "EIGHTH": "8TH", "NINTH": "9TH", "TENTH": "10TH", "ELEVENTH": "11TH", "TWELFTH": "12TH", "THIRTEENTH": "13TH",
        "FOURTEENTH": "14TH", "FIFTEENTH": "15TH", "SIXTEENTH": "16TH", "SEVENTEENTH": "17TH", "EIGHTEENTH": "18TH",
        "NINETEENTH": "19TH", "TWENTIETH": "20TH",
    ]
}
