//! The `<sqltls-check>` element's two wasm modules, both built from
//! crates/wasm with the same API:
//!
//! - light (`--no-default-features`): connection strings and error texts; the
//!   element loads it first. Becomes `sqltls_wasm.js` + `sqltls_wasm_bg.wasm`.
//! - full (default features: PKCS#12, PKCS#7, private keys, signature checks):
//!   loaded when a certificate file or PEM text is given. Becomes
//!   `sqltls_wasm_full.js` + `sqltls_wasm_full_bg.wasm`.
//!
//! Both builds write the same file (`sqltls_wasm.wasm` in the cargo output
//! directory), so each is built by its own cargo invocation and copied aside
//! before the next one. wasm-bindgen and wasm-opt then run on the copies with
//! the rest of `dist`.

use super::{io, run, step, Result, PROFILE, TARGET};
use std::fs;
use std::path::Path;
use std::process::Command;

/// The light module's wasm, copied aside in the cargo output directory.
pub const LIGHT: &str = "sqltls_wasm_light.wasm";
/// The full module's wasm, copied aside in the cargo output directory.
pub const FULL: &str = "sqltls_wasm_full.wasm";
/// wasm-bindgen `--out-name` of the light module.
pub const LIGHT_NAME: &str = "sqltls_wasm";
/// wasm-bindgen `--out-name` of the full module.
pub const FULL_NAME: &str = "sqltls_wasm_full";
/// What `dist/embed/` gets from the wasm-bindgen output of both modules.
pub const EMBED: [&str; 4] = [
    "sqltls_wasm.js",
    "sqltls_wasm_bg.wasm",
    "sqltls_wasm_full.js",
    "sqltls_wasm_full_bg.wasm",
];

/// Build sqltls-wasm light, then full, into `built` (the cargo output
/// directory of the wasm target and profile), as [`LIGHT`] and [`FULL`].
pub fn build(root: &Path, built: &Path) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    for (features, copy) in [(&["--no-default-features"][..], LIGHT), (&[][..], FULL)] {
        let what = if features.is_empty() { "full" } else { "light" };
        step(&format!("cargo build sqltls-wasm ({what} module)"));
        run(Command::new(&cargo)
            .current_dir(root)
            .args(["build", "--profile", PROFILE, "--target", TARGET])
            .args(["-p", "sqltls-wasm"])
            .args(features))?;
        fs::copy(built.join("sqltls_wasm.wasm"), built.join(copy)).map_err(io(copy))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The element imports the glue of both modules and names their wasm
    /// files, exactly as they are built.
    #[test]
    fn the_element_names_both_modules() {
        let js = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../web/embed/sqltls.js"
        ))
        .unwrap();
        for name in [LIGHT_NAME, FULL_NAME] {
            assert!(js.contains(&format!("\"./{name}.js\"")), "{name}.js");
            assert!(
                js.contains(&format!("\"{name}_bg.wasm\"")),
                "{name}_bg.wasm"
            );
            assert!(EMBED.contains(&format!("{name}.js").as_str()));
            assert!(EMBED.contains(&format!("{name}_bg.wasm").as_str()));
        }
    }
}
