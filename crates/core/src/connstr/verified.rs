//! Which outcome-matrix cells are verified against real clients: per driver
//! generation and ForceEncryption setting, the client versions whose every
//! observed cell matched the prediction in the TDS conformance harness
//! (`tests/conformance`, listed cell by cell in `docs/drivers.md`). Rows not
//! listed rest on the driver's published source and documentation.

use super::driver::Generation;

include!("verified_table.rs");

/// The real client versions `generation` was verified with at this server
/// setting; empty when none ran.
pub fn clients(generation: Generation, server_force_encryption: bool) -> &'static [&'static str] {
    VERIFIED
        .iter()
        .find(|(driver, label, force, _)| {
            *driver == generation.driver().as_str()
                && *label == generation.label()
                && *force == server_force_encryption
        })
        .map_or(&[], |row| row.3)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every generated row names a generation the capability table has, so a
    /// renamed label cannot silently drop its verification.
    #[test]
    fn every_row_names_a_known_generation() {
        for (driver, label, force, versions) in VERIFIED {
            let known = Generation::ALL
                .iter()
                .find(|g| g.driver().as_str() == *driver && g.label() == *label);
            let g = known.unwrap_or_else(|| panic!("{driver} {label} is not a generation"));
            assert_eq!(clients(*g, *force), *versions);
            assert!(!versions.is_empty());
        }
    }
}
