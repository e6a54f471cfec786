//! Driver ids, versions and behaviour generations (facts B1–B8).

use serde::{Serialize, Serializer};
use std::fmt;

/// A SQL Server client driver, by the id used on the command line and in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DriverId {
    /// Microsoft.Data.SqlClient (`sqlclient`).
    SqlClient,
    /// System.Data.SqlClient (`system.data.sqlclient`).
    SystemDataSqlClient,
    /// Microsoft ODBC Driver for SQL Server (`odbc`).
    Odbc,
    /// Microsoft OLE DB Driver for SQL Server (`oledb`).
    OleDb,
    /// Microsoft JDBC Driver for SQL Server (`jdbc`).
    Jdbc,
    /// microsoft/go-mssqldb (`go-mssqldb`).
    GoMssqldb,
    /// tedious / node-mssql (`tedious`).
    Tedious,
    /// FreeTDS (pymssql, FreeTDS ODBC) (`freetds`).
    FreeTds,
}

/// Every driver, in documentation order.
pub const ALL_DRIVERS: &[DriverId] = &[
    DriverId::SqlClient,
    DriverId::SystemDataSqlClient,
    DriverId::Odbc,
    DriverId::OleDb,
    DriverId::Jdbc,
    DriverId::GoMssqldb,
    DriverId::Tedious,
    DriverId::FreeTds,
];

impl DriverId {
    /// The id string (`sqlclient`, `odbc`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            DriverId::SqlClient => "sqlclient",
            DriverId::SystemDataSqlClient => "system.data.sqlclient",
            DriverId::Odbc => "odbc",
            DriverId::OleDb => "oledb",
            DriverId::Jdbc => "jdbc",
            DriverId::GoMssqldb => "go-mssqldb",
            DriverId::Tedious => "tedious",
            DriverId::FreeTds => "freetds",
        }
    }

    /// A name for people.
    pub fn display_name(self) -> &'static str {
        match self {
            DriverId::SqlClient => "Microsoft.Data.SqlClient",
            DriverId::SystemDataSqlClient => "System.Data.SqlClient",
            DriverId::Odbc => "ODBC Driver for SQL Server",
            DriverId::OleDb => "OLE DB Driver for SQL Server",
            DriverId::Jdbc => "Microsoft JDBC Driver for SQL Server",
            DriverId::GoMssqldb => "go-mssqldb",
            DriverId::Tedious => "tedious (node-mssql)",
            DriverId::FreeTds => "FreeTDS",
        }
    }

    /// Parse an id (case-insensitive).
    pub fn from_id(id: &str) -> Option<DriverId> {
        let id = id.trim();
        ALL_DRIVERS
            .iter()
            .copied()
            .find(|d| d.as_str().eq_ignore_ascii_case(id))
    }

    /// The behaviour generations of this driver, oldest first.
    pub fn generations(self) -> &'static [Generation] {
        use Generation::*;
        match self {
            DriverId::SqlClient => &[Mds1, Mds2To3, Mds4, Mds5Plus],
            DriverId::SystemDataSqlClient => &[Sds],
            DriverId::Odbc => &[Odbc17, Odbc18],
            DriverId::OleDb => &[OleDb18, OleDb19],
            DriverId::Jdbc => &[JdbcTo10_1, Jdbc10_2To11_0, Jdbc11_2Plus],
            DriverId::GoMssqldb => &[Go],
            DriverId::Tedious => &[
                TediousTo6,
                Tedious7To8,
                Tedious9To11,
                Tedious12To14,
                Tedious15Plus,
            ],
            DriverId::FreeTds => &[FreeTdsTo1_4, FreeTds1_5Plus],
        }
    }

    /// The newest generation (assumed when no version is given).
    pub fn newest(self) -> Generation {
        self.generations().last().copied().unwrap_or(Generation::Go)
    }

    /// The generation a version number falls in.
    pub fn generation_for(self, v: Version) -> Generation {
        use Generation::*;
        let (maj, min) = (v.major, v.minor);
        match self {
            DriverId::SqlClient => match maj {
                0 | 1 => Mds1,
                2 | 3 => Mds2To3,
                4 => Mds4,
                _ => Mds5Plus,
            },
            DriverId::SystemDataSqlClient => Sds,
            DriverId::Odbc => {
                if maj >= 18 {
                    Odbc18
                } else {
                    Odbc17
                }
            }
            DriverId::OleDb => {
                if maj >= 19 {
                    OleDb19
                } else {
                    OleDb18
                }
            }
            DriverId::Jdbc => {
                if maj < 10 || (maj == 10 && min <= 1) {
                    JdbcTo10_1
                } else if maj == 10 || (maj == 11 && min == 0) {
                    Jdbc10_2To11_0
                } else {
                    Jdbc11_2Plus
                }
            }
            DriverId::GoMssqldb => Go,
            DriverId::Tedious => match maj {
                0..=6 => TediousTo6,
                7 | 8 => Tedious7To8,
                9..=11 => Tedious9To11,
                12..=14 => Tedious12To14,
                _ => Tedious15Plus,
            },
            DriverId::FreeTds => {
                if maj < 1 || (maj == 1 && min < 5) {
                    FreeTdsTo1_4
                } else {
                    FreeTds1_5Plus
                }
            }
        }
    }
}

impl fmt::Display for DriverId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Serialised as its id string (`"odbc"`).
impl Serialize for DriverId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A driver version as given (`17`, `3.1`, `1.4.22`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// Major version.
    pub major: u32,
    /// Minor version (0 when not given).
    pub minor: u32,
    /// Patch version (0 when not given).
    pub patch: u32,
}

impl Version {
    /// A version from its parts.
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        Version {
            major,
            minor,
            patch,
        }
    }

    /// Parse the leading numeric components of `text` (`12.2.0.jre11` → 12.2.0).
    pub fn parse(text: &str) -> Option<Version> {
        let text = text.trim().trim_start_matches(['v', 'V']);
        let mut parts = [0u32; 3];
        let mut count = 0;
        for piece in text.split('.') {
            if count == 3 {
                break;
            }
            let digits: String = piece
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .take(9)
                .collect();
            if digits.is_empty() {
                break;
            }
            if let (Some(slot), Ok(n)) = (parts.get_mut(count), digits.parse::<u32>()) {
                *slot = n;
            }
            count += 1;
            if digits.len() != piece.len() {
                break;
            }
        }
        (count > 0).then(|| Version::new(parts[0], parts[1], parts[2]))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// A span of driver versions that behave the same for encryption.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Generation {
    /// Microsoft.Data.SqlClient 1.x.
    Mds1,
    /// Microsoft.Data.SqlClient 2.x–3.x.
    Mds2To3,
    /// Microsoft.Data.SqlClient 4.x.
    Mds4,
    /// Microsoft.Data.SqlClient 5.0 and later.
    Mds5Plus,
    /// System.Data.SqlClient (every version).
    Sds,
    /// ODBC Driver 17 (and older: SQL Server Native Client, `{SQL Server}`).
    Odbc17,
    /// ODBC Driver 18.
    Odbc18,
    /// OLE DB Driver 18 (MSOLEDBSQL; also SQLOLEDB, SQLNCLI).
    OleDb18,
    /// OLE DB Driver 19 (MSOLEDBSQL19).
    OleDb19,
    /// JDBC 10.1 and older.
    JdbcTo10_1,
    /// JDBC 10.2–11.0.
    Jdbc10_2To11_0,
    /// JDBC 11.2 and later (strict).
    Jdbc11_2Plus,
    /// go-mssqldb (every version).
    Go,
    /// tedious 6 and older.
    TediousTo6,
    /// tedious 7–8.
    Tedious7To8,
    /// tedious 9–11.
    Tedious9To11,
    /// tedious 12–14.
    Tedious12To14,
    /// tedious 15 and later.
    Tedious15Plus,
    /// FreeTDS before 1.5.
    FreeTdsTo1_4,
    /// FreeTDS 1.5 and later.
    FreeTds1_5Plus,
}

impl Generation {
    /// The label used in JSON (`"18"`, `"4.x"`, `"5.0+"`).
    pub fn label(self) -> &'static str {
        use Generation::*;
        match self {
            Mds1 => "1.x",
            Mds2To3 => "2.x-3.x",
            Mds4 => "4.x",
            Mds5Plus => "5.0+",
            Sds => "all",
            Odbc17 => "17",
            Odbc18 => "18",
            OleDb18 => "18",
            OleDb19 => "19",
            JdbcTo10_1 => "<=10.1",
            Jdbc10_2To11_0 => "10.2-11.0",
            Jdbc11_2Plus => "11.2+",
            Go => "all",
            TediousTo6 => "<=6",
            Tedious7To8 => "7-8",
            Tedious9To11 => "9-11",
            Tedious12To14 => "12-14",
            Tedious15Plus => "15+",
            FreeTdsTo1_4 => "<1.5",
            FreeTds1_5Plus => "1.5+",
        }
    }

    /// The driver this generation belongs to.
    pub fn driver(self) -> DriverId {
        use Generation::*;
        match self {
            Mds1 | Mds2To3 | Mds4 | Mds5Plus => DriverId::SqlClient,
            Sds => DriverId::SystemDataSqlClient,
            Odbc17 | Odbc18 => DriverId::Odbc,
            OleDb18 | OleDb19 => DriverId::OleDb,
            JdbcTo10_1 | Jdbc10_2To11_0 | Jdbc11_2Plus => DriverId::Jdbc,
            Go => DriverId::GoMssqldb,
            TediousTo6 | Tedious7To8 | Tedious9To11 | Tedious12To14 | Tedious15Plus => {
                DriverId::Tedious
            }
            FreeTdsTo1_4 | FreeTds1_5Plus => DriverId::FreeTds,
        }
    }

    /// The lowest version of this generation (used for keyword gating when
    /// only the generation is known).
    pub fn first_version(self) -> Version {
        use Generation::*;
        let (a, b) = match self {
            Mds1 => (1, 0),
            Mds2To3 => (2, 0),
            Mds4 => (4, 0),
            Mds5Plus => (5, 0),
            Sds => (4, 0),
            Odbc17 => (17, 0),
            Odbc18 => (18, 0),
            OleDb18 => (18, 0),
            OleDb19 => (19, 0),
            JdbcTo10_1 => (10, 1),
            Jdbc10_2To11_0 => (10, 2),
            Jdbc11_2Plus => (11, 2),
            Go => (1, 0),
            TediousTo6 => (6, 0),
            Tedious7To8 => (7, 0),
            Tedious9To11 => (9, 0),
            Tedious12To14 => (12, 0),
            Tedious15Plus => (15, 0),
            FreeTdsTo1_4 => (1, 4),
            FreeTds1_5Plus => (1, 5),
        };
        Version::new(a, b, 0)
    }
}

/// Serialised as its label (`"18"`, `"5.0+"`).
impl Serialize for Generation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

/// A parsed `ID[@VERSION]` driver specification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriverSpec {
    /// The driver.
    pub id: DriverId,
    /// The version text as given, if any.
    pub version_text: Option<String>,
    /// The parsed version, if any.
    pub version: Option<Version>,
}

impl DriverSpec {
    /// Parse `odbc@17`, `sqlclient@3.1`, `jdbc`. Errors name the valid ids.
    pub fn parse(text: &str) -> Result<DriverSpec, String> {
        let (id_text, version_text) = match text.split_once('@') {
            Some((a, b)) => (a, Some(b.trim())),
            None => (text, None),
        };
        let id = DriverId::from_id(id_text).ok_or_else(|| {
            format!(
                "Unknown driver '{}'. Valid driver ids: {} (optionally with @VERSION, e.g. odbc@17, sqlclient@3.1, jdbc@10.1).",
                truncate(id_text.trim(), 40),
                valid_ids()
            )
        })?;
        let (version_text, version) = match version_text {
            None | Some("") => (None, None),
            Some(v) => match Version::parse(v) {
                Some(parsed) => (Some(v.to_string()), Some(parsed)),
                None => {
                    return Err(format!(
                        "Driver version '{}' is not a version number (expected e.g. {}@{}).",
                        truncate(v, 40),
                        id,
                        id.newest().first_version().major
                    ))
                }
            },
        };
        Ok(DriverSpec {
            id,
            version_text,
            version,
        })
    }

    /// The generation this spec selects (the newest when no version was given).
    pub fn generation(&self) -> Generation {
        match self.version {
            Some(v) => self.id.generation_for(v),
            None => self.id.newest(),
        }
    }
}

/// The valid driver ids, comma-separated.
pub fn valid_ids() -> String {
    ALL_DRIVERS
        .iter()
        .map(|d| d.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// At most `max` characters of `s`, with an ellipsis when cut.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_specs() {
        let s = DriverSpec::parse("odbc@17").unwrap();
        assert_eq!(s.generation(), Generation::Odbc17);
        assert_eq!(
            DriverSpec::parse("sqlclient@3.1").unwrap().generation(),
            Generation::Mds2To3
        );
        assert_eq!(
            DriverSpec::parse("jdbc@10.1").unwrap().generation(),
            Generation::JdbcTo10_1
        );
        assert_eq!(
            DriverSpec::parse("jdbc@10.2.1.jre8").unwrap().generation(),
            Generation::Jdbc10_2To11_0
        );
        assert_eq!(
            DriverSpec::parse("jdbc@12.8").unwrap().generation(),
            Generation::Jdbc11_2Plus
        );
        assert_eq!(
            DriverSpec::parse("tedious@6").unwrap().generation(),
            Generation::TediousTo6
        );
        assert_eq!(
            DriverSpec::parse("freetds@1.4.22").unwrap().generation(),
            Generation::FreeTdsTo1_4
        );
        assert_eq!(
            DriverSpec::parse("OLEDB").unwrap().generation(),
            Generation::OleDb19
        );
        assert!(DriverSpec::parse("mysql")
            .unwrap_err()
            .contains("go-mssqldb"));
        assert!(DriverSpec::parse("odbc@x").is_err());
    }
}
