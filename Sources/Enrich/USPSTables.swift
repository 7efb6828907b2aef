/// The USPS Publication 28 tables address standardization needs: street suffixes (Appendix C1),
/// secondary unit designators (Appendix C2), directionals, and the spelled-out numbers USPS writes in figures.
enum USPSTables {
    /// Every common spelling of a street suffix → its standard abbreviation (C1: primary name, common
    /// abbreviations and misspellings, postal abbreviation).
    static let suffixes: [String: String] = {
        let rows: [(String, [String])] = [
            ("ALY", ["ALLEY", "ALLEE", "ALLY", "ALY"]), ("ANX", ["ANNEX", "ANEX", "ANNX", "ANX"]),
            ("ARC", ["ARCADE", "ARC"]), ("AVE", ["AVENUE", "AV", "AVE", "AVEN", "AVENU", "AVN", "AVNUE"]),
            ("BYU", ["BAYOU", "BAYOO", "BYU"]), ("BCH", ["BEACH", "BCH"]), ("BND", ["BEND", "BND"]),
            ("BLF", ["BLUFF", "BLUF", "BLF"]), ("BTM", ["BOTTOM", "BOT", "BOTTM", "BTM"]),
            ("BLVD", ["BOULEVARD", "BOUL", "BOULV", "BLVD"]), ("BR", ["BRANCH", "BRNCH", "BR"]),
            ("BRG", ["BRIDGE", "BRDGE", "BRG"]), ("BRK", ["BROOK", "BRK"]), ("BYP", ["BYPASS", "BYPA", "BYPAS", "BYPS", "BYP"]),
            ("CP", ["CAMP", "CMP", "CP"]), ("CYN", ["CANYON", "CANYN", "CNYN", "CYN"]), ("CPE", ["CAPE", "CPE"]),
            ("CSWY", ["CAUSEWAY", "CAUSWA", "CSWY"]), ("CTR", ["CENTER", "CEN", "CENT", "CENTR", "CENTRE", "CNTER", "CNTR", "CTR"]),
            ("CIR", ["CIRCLE", "CIRC", "CIRCL", "CRCL", "CRCLE", "CIR"]), ("CLF", ["CLIFF", "CLF"]), ("CLFS", ["CLIFFS", "CLFS"]),
            ("CLB", ["CLUB", "CLB"]), ("COR", ["CORNER", "COR"]), ("CORS", ["CORNERS", "CORS"]), ("CRSE", ["COURSE", "CRSE"]),
            ("CT", ["COURT", "CT"]), ("CTS", ["COURTS", "CTS"]), ("CV", ["COVE", "CV"]), ("CRK", ["CREEK", "CRK"]),
            ("CRES", ["CRESCENT", "CRSENT", "CRSNT", "CRES"]), ("XING", ["CROSSING", "CRSSNG", "XING"]),
            ("DL", ["DALE", "DL"]), ("DM", ["DAM", "DM"]), ("DR", ["DRIVE", "DRIV", "DRV", "DR"]), ("DRS", ["DRIVES", "DRS"]),
            ("EST", ["ESTATE", "EST"]), ("ESTS", ["ESTATES", "ESTS"]), ("EXPY", ["EXPRESSWAY", "EXP", "EXPR", "EXPRESS", "EXPW", "EXPY"]),
            ("EXT", ["EXTENSION", "EXTN", "EXTNSN", "EXT"]), ("FLS", ["FALLS", "FLS"]), ("FRY", ["FERRY", "FRRY", "FRY"]),
            ("FLD", ["FIELD", "FLD"]), ("FLDS", ["FIELDS", "FLDS"]), ("FLT", ["FLAT", "FLT"]), ("FRD", ["FORD", "FRD"]),
            ("FRST", ["FOREST", "FORESTS", "FRST"]), ("FRG", ["FORGE", "FORG", "FRG"]), ("FRK", ["FORK", "FRK"]),
            ("FT", ["FORT", "FRT", "FT"]), ("FWY", ["FREEWAY", "FREEWY", "FRWAY", "FRWY", "FWY"]),
            ("GDN", ["GARDEN", "GARDN", "GRDEN", "GRDN", "GDN"]), ("GDNS", ["GARDENS", "GRDNS", "GDNS"]),
            ("GTWY", ["GATEWAY", "GATEWY", "GATWAY", "GTWAY", "GTWY"]), ("GLN", ["GLEN", "GLN"]), ("GRN", ["GREEN", "GRN"]),
            ("GRV", ["GROVE", "GROV", "GRV"]), ("HBR", ["HARBOR", "HARB", "HARBR", "HRBOR", "HBR"]), ("HVN", ["HAVEN", "HVN"]),
            ("HTS", ["HEIGHTS", "HT", "HTS"]), ("HWY", ["HIGHWAY", "HIGHWY", "HIWAY", "HIWY", "HWAY", "HWY"]),
            ("HL", ["HILL", "HL"]), ("HLS", ["HILLS", "HLS"]), ("HOLW", ["HOLLOW", "HLLW", "HOLLOWS", "HOLWS", "HOLW"]),
            ("IS", ["ISLAND", "ISLND", "IS"]), ("JCT", ["JUNCTION", "JCTION", "JCTN", "JUNCTN", "JUNCTON", "JCT"]),
            ("KY", ["KEY", "KY"]), ("KNL", ["KNOLL", "KNOL", "KNL"]), ("LK", ["LAKE", "LK"]), ("LKS", ["LAKES", "LKS"]),
            ("LNDG", ["LANDING", "LNDNG", "LNDG"]), ("LN", ["LANE", "LN"]), ("LGT", ["LIGHT", "LGT"]), ("LOOP", ["LOOP", "LOOPS"]),
            ("MALL", ["MALL"]), ("MNR", ["MANOR", "MNR"]), ("MDW", ["MEADOW", "MDW"]), ("MDWS", ["MEADOWS", "MEDOWS", "MDWS"]),
            ("ML", ["MILL", "ML"]), ("MLS", ["MILLS", "MLS"]), ("MTWY", ["MOTORWAY", "MTWY"]), ("MT", ["MOUNT", "MNT", "MT"]),
            ("MTN", ["MOUNTAIN", "MNTAIN", "MNTN", "MOUNTIN", "MTIN", "MTN"]), ("OVAL", ["OVAL", "OVL"]),
            ("OPAS", ["OVERPASS", "OPAS"]), ("PARK", ["PARK", "PRK", "PARKS"]), ("PKWY", ["PARKWAY", "PARKWY", "PKWAY", "PKY", "PKWY", "PARKWAYS", "PKWYS"]),
            ("PASS", ["PASS"]), ("PATH", ["PATH", "PATHS"]), ("PIKE", ["PIKE", "PIKES"]), ("PNES", ["PINES", "PNES"]),
            ("PL", ["PLACE", "PL"]), ("PLN", ["PLAIN", "PLN"]), ("PLNS", ["PLAINS", "PLNS"]), ("PLZ", ["PLAZA", "PLZA", "PLZ"]),
            ("PT", ["POINT", "PT"]), ("PTS", ["POINTS", "PTS"]), ("PRT", ["PORT", "PRT"]), ("PR", ["PRAIRIE", "PRR", "PR"]),
            ("RADL", ["RADIAL", "RAD", "RADIEL", "RADL"]), ("RNCH", ["RANCH", "RANCHES", "RNCHS", "RNCH"]),
            ("RPD", ["RAPID", "RPD"]), ("RPDS", ["RAPIDS", "RPDS"]), ("RST", ["REST", "RST"]), ("RDG", ["RIDGE", "RDGE", "RDG"]),
            ("RIV", ["RIVER", "RVR", "RIVR", "RIV"]), ("RD", ["ROAD", "RD"]), ("RDS", ["ROADS", "RDS"]), ("RTE", ["ROUTE", "RTE"]),
            ("ROW", ["ROW"]), ("RUN", ["RUN"]), ("SHR", ["SHORE", "SHOAR", "SHR"]), ("SHRS", ["SHORES", "SHOARS", "SHRS"]),
            ("SKWY", ["SKYWAY", "SKWY"]), ("SPG", ["SPRING", "SPNG", "SPRNG", "SPG"]), ("SPGS", ["SPRINGS", "SPNGS", "SPRNGS", "SPGS"]),
            ("SQ", ["SQUARE", "SQR", "SQRE", "SQU", "SQ"]), ("STA", ["STATION", "STATN", "STN", "STA"]),
            ("STRM", ["STREAM", "STREME", "STRM"]), ("ST", ["STREET", "STRT", "STR", "ST"]), ("STS", ["STREETS", "STS"]),
            ("SMT", ["SUMMIT", "SUMIT", "SUMITT", "SMT"]), ("TER", ["TERRACE", "TERR", "TER"]), ("TRCE", ["TRACE", "TRACES", "TRCE"]),
            ("TRAK", ["TRACK", "TRACKS", "TRK", "TRKS", "TRAK"]), ("TRL", ["TRAIL", "TRAILS", "TRLS", "TRL"]),
            ("TUNL", ["TUNNEL", "TUNEL", "TUNLS", "TUNNELS", "TUNNL", "TUNL"]), ("TPKE", ["TURNPIKE", "TRNPK", "TURNPK", "TPKE"]),
            ("UPAS", ["UNDERPASS", "UPAS"]), ("UN", ["UNION", "UN"]), ("VLY", ["VALLEY", "VALLY", "VLLY", "VLY"]),
            ("VIA", ["VIADUCT", "VDCT", "VIADCT", "VIA"]), ("VW", ["VIEW", "VW"]), ("VLG", ["VILLAGE", "VILL", "VILLAG", "VILLG", "VLG"]),
            ("VIS", ["VISTA", "VIST", "VST", "VSTA", "VIS"]), ("WALK", ["WALK", "WALKS"]), ("WAY", ["WAY", "WY"]),
            ("WL", ["WELL", "WL"]), ("WLS", ["WELLS", "WLS"]),
        ]
        var table: [String: String] = [:]
        for (standard, spellings) in rows { for spelling in spellings { table[spelling] = standard } }
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
