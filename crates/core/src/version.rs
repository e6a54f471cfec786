//! SQL Server versions and what each implies for TLS. This is the one place
//! that knows version facts; rules ask it instead of comparing versions.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A SQL Server major release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SqlServerVersion {
    /// SQL Server 2008 R2 (10.50).
    #[serde(rename = "2008R2")]
    V2008R2,
    /// SQL Server 2012 (11.x).
    #[serde(rename = "2012")]
    V2012,
    /// SQL Server 2014 (12.x).
    #[serde(rename = "2014")]
    V2014,
    /// SQL Server 2016 (13.x).
    #[serde(rename = "2016")]
    V2016,
    /// SQL Server 2017 (14.x).
    #[serde(rename = "2017")]
    V2017,
    /// SQL Server 2019 (15.x).
    #[serde(rename = "2019")]
    V2019,
    /// SQL Server 2022 (16.x).
    #[serde(rename = "2022")]
    V2022,
    /// SQL Server 2025 (17.x).
    #[serde(rename = "2025")]
    V2025,
}

/// Whether something holds for a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    /// Documented and works.
    Yes,
    /// Does not work.
    No,
    /// Not documented; reported to work in some setups.
    Unofficial,
}

impl SqlServerVersion {
    /// Every known version, oldest first.
    pub const ALL: [SqlServerVersion; 8] = [
        Self::V2008R2,
        Self::V2012,
        Self::V2014,
        Self::V2016,
        Self::V2017,
        Self::V2019,
        Self::V2022,
        Self::V2025,
    ];

    /// The marketing name, e.g. "2019".
    pub fn name(self) -> &'static str {
        match self {
            Self::V2008R2 => "2008 R2",
            Self::V2012 => "2012",
            Self::V2014 => "2014",
            Self::V2016 => "2016",
            Self::V2017 => "2017",
            Self::V2019 => "2019",
            Self::V2022 => "2022",
            Self::V2025 => "2025",
        }
    }

    /// From the major product version number (10 with minor 50, 11..17), as in
    /// `13.0.6300.2` or the registry's `MSSQL15.` instance id.
    pub fn from_major(major: u32, minor: u32) -> Option<Self> {
        Some(match (major, minor) {
            (10, 50) => Self::V2008R2,
            (11, _) => Self::V2012,
            (12, _) => Self::V2014,
            (13, _) => Self::V2016,
            (14, _) => Self::V2017,
            (15, _) => Self::V2019,
            (16, _) => Self::V2022,
            (17, _) => Self::V2025,
            _ => return None,
        })
    }

    /// The number in the registry instance id `MSSQL<NN>.<INSTANCE>`:
    /// `10_50` for 2008 R2, then 11 (2012) to 17 (2025).
    pub fn instance_id_major(self) -> &'static str {
        match self {
            Self::V2008R2 => "10_50",
            Self::V2012 => "11",
            Self::V2014 => "12",
            Self::V2016 => "13",
            Self::V2017 => "14",
            Self::V2019 => "15",
            Self::V2022 => "16",
            Self::V2025 => "17",
        }
    }

    /// Signature algorithm of the certificate SQL Server generates for itself
    /// when none is configured: SHA-1 up to 2016, SHA-256 from 2017.
    pub fn fallback_signature(self) -> &'static str {
        if self >= Self::V2017 {
            "sha256WithRSAEncryption"
        } else {
            "sha1WithRSAEncryption"
        }
    }

    /// Does SQL Server Configuration Manager of this version check every
    /// certificate requirement (validity, key, EKU) before offering it? From 2019.
    pub fn config_manager_validates(self) -> bool {
        self >= Self::V2019
    }

    /// Does this version support TDS 8.0 strict encryption (and with it TLS 1.3)?
    pub fn supports_strict(self) -> bool {
        self >= Self::V2022
    }

    /// Does this version load a certificate whose key sits in a CNG key storage
    /// provider? The documentation requires a legacy CSP; labs show 2019 and
    /// later load such keys when the thumbprint is set in the registry.
    pub fn loads_cng_keys(self) -> Support {
        if self >= Self::V2019 {
            Support::Unofficial
        } else {
            Support::No
        }
    }

    /// Does Configuration Manager of this version list certificates whose key is
    /// in a CNG provider? 2016's hides them; later ones are not documented to.
    pub fn config_manager_lists_cng(self) -> Support {
        if self >= Self::V2019 {
            Support::Unofficial
        } else {
            Support::No
        }
    }

    /// Versions from this one on, as text: "2017 and later".
    pub fn and_later(self) -> String {
        if self == Self::V2025 {
            "2025".to_string()
        } else {
            format!("{} and later", self.name())
        }
    }
}

impl fmt::Display for SqlServerVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for SqlServerVersion {
    type Err = String;

    /// Accepts "2016", "2008R2", "2008 R2", "13", "13.0.6300.2", "MSSQL15".
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_uppercase().replace(' ', "");
        let t = t.strip_prefix("SQLSERVER").unwrap_or(&t);
        let t = t.strip_prefix("MSSQL").unwrap_or(t);
        let by_name = match t {
            "2008R2" => Some(Self::V2008R2),
            "2012" => Some(Self::V2012),
            "2014" => Some(Self::V2014),
            "2016" => Some(Self::V2016),
            "2017" => Some(Self::V2017),
            "2019" => Some(Self::V2019),
            "2022" => Some(Self::V2022),
            "2025" => Some(Self::V2025),
            _ => None,
        };
        if let Some(v) = by_name {
            return Ok(v);
        }
        let mut parts = t.split(['.', '_']);
        let major = parts.next().and_then(|p| p.parse::<u32>().ok());
        let minor = parts
            .next()
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(0);
        major
            .and_then(|m| Self::from_major(m, minor))
            .ok_or_else(|| {
                format!("unknown SQL Server version '{s}' (expected 2008R2, 2012, 2014, 2016, 2017, 2019, 2022 or 2025)")
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_numbers_and_instance_ids() {
        assert_eq!(
            "2016".parse::<SqlServerVersion>(),
            Ok(SqlServerVersion::V2016)
        );
        assert_eq!(
            "2008 R2".parse::<SqlServerVersion>(),
            Ok(SqlServerVersion::V2008R2)
        );
        assert_eq!(
            "13.0.6300.2".parse::<SqlServerVersion>(),
            Ok(SqlServerVersion::V2016)
        );
        assert_eq!(
            "MSSQL15".parse::<SqlServerVersion>(),
            Ok(SqlServerVersion::V2019)
        );
        assert_eq!(
            "10.50.6000".parse::<SqlServerVersion>(),
            Ok(SqlServerVersion::V2008R2)
        );
        assert!("10.0".parse::<SqlServerVersion>().is_err());
        assert!("banana".parse::<SqlServerVersion>().is_err());
    }

    #[test]
    fn instance_id_numbers() {
        assert_eq!(SqlServerVersion::V2008R2.instance_id_major(), "10_50");
        assert_eq!(SqlServerVersion::V2022.instance_id_major(), "16");
        for v in SqlServerVersion::ALL {
            let id = format!("MSSQL{}", v.instance_id_major());
            assert_eq!(id.parse::<SqlServerVersion>(), Ok(v));
        }
    }

    #[test]
    fn fallback_hash_changes_in_2017() {
        assert_eq!(
            SqlServerVersion::V2016.fallback_signature(),
            "sha1WithRSAEncryption"
        );
        assert_eq!(
            SqlServerVersion::V2017.fallback_signature(),
            "sha256WithRSAEncryption"
        );
    }
}
