//! Driver ids, versions and behaviour generations (facts B1–B8).

pub use super::capabilities::Generation;
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

    /// The behaviour generations of this driver, oldest first (from the
    /// capability table, where each driver's rows are contiguous).
    pub fn generations(self) -> &'static [Generation] {
        let all = Generation::ALL;
        let start = all.iter().position(|g| g.driver() == self);
        let end = all.iter().rposition(|g| g.driver() == self);
        match (start, end) {
            (Some(s), Some(e)) => &all[s..=e],
            _ => &[],
        }
    }

    /// The newest generation (assumed when no version is given).
    pub fn newest(self) -> Generation {
        self.generations().last().copied().unwrap_or(Generation::Go)
    }

    /// The generation a version number falls in: the newest whose first
    /// version is not above it (the oldest for anything older).
    pub fn generation_for(self, v: Version) -> Generation {
        let generations = self.generations();
        generations
            .iter()
            .rev()
            .find(|g| g.first_version() <= v)
            .or_else(|| generations.first())
            .copied()
            .unwrap_or(Generation::Go)
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

crate::interned::deserialize_by_name!(DriverId, "driver", DriverId::from_id);

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
    /// A component of more than 9 digits does not fit: the text is not a
    /// version (`None`), never a truncated or wrapped number.
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
                .take(10)
                .collect();
            if digits.is_empty() {
                break;
            }
            if digits.len() > 9 {
                return None;
            }
            let slot = parts.get_mut(count)?;
            *slot = digits.parse::<u32>().ok()?;
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
        // Every driver's major version is below 100; a larger one is a typo
        // or an overflow, not a future release.
        const MAX_DRIVER_MAJOR: u32 = 999;
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
                Some(parsed) if parsed.major <= MAX_DRIVER_MAJOR => {
                    (Some(v.to_string()), Some(parsed))
                }
                Some(parsed) => {
                    return Err(format!(
                        "Driver version '{}' is not a plausible {} version (major version {} is above {}; expected e.g. {}@{}).",
                        truncate(v, 40),
                        id,
                        parsed.major,
                        MAX_DRIVER_MAJOR,
                        id,
                        id.newest().first_version().major
                    ))
                }
                None => {
                    return Err(format!(
                        "Driver version '{}' is not a version number, or a part of it is too long (expected e.g. {}@{}).",
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
            Generation::Tedious6To8
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
