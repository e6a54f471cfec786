//! `cargo xtask dist`: builds the browser deliverables into `dist/` without downloading
//! anything.
//!
//! - `dist/index.html` + hashed `.js` / `.wasm` / `.css`: the static site (crates/web);
//! - `dist/sqltls.html`: one self-contained file (the wasm gzip-compressed and
//!   base64-embedded once, JS and CSS inline) that works from `file://`;
//! - `dist/embed/`: `sqltls.js` (the `<sqltls-check>` custom element, an ES module over
//!   crates/wasm), its light and full modules (see `widget.rs`) and `embed-example.html`.
//!
//! Needs `wasm-bindgen` on PATH at exactly the version in Cargo.lock; runs `wasm-opt`
//! when it is on PATH or in `tests/browser/node_modules/.bin`. Ends with the size table
//! of [`budgets`].

mod bloat;
mod budgets;
mod single_file;

use budgets::{Deliverable, Row, Sizes};
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{exit, Command};

mod widget;

type Result<T> = std::result::Result<T, String>;

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";
/// The wasm-opt passes: `-Oz`, without inlining functions into their only caller
/// (`-ocimfs 0`). Measured on the full widget module (gzip -9): no wasm-opt 475 KB (names
/// stripped), `-Oz` 496 KB, `-Os` 495 KB, `-O2` 497 KB, `-Oz -ocimfs 0` 458 KB,
/// `-Os -ocimfs 0` 457 KB with 14 KB more raw: inlining single-caller functions
/// duplicates code shapes gzip would otherwise share.
const WASM_OPT: &[&str] = &["-Oz", "--one-caller-inline-max-function-size", "0"];
/// Where the full module's no-modules glue (the single file's worker) is built.
const CLASSIC_DIR: &str = "classic";
/// Features the Rust wasm32 target emits by default; wasm-opt must accept them.
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dist") => dist(&args[1..]),
        Some("bloat") => bloat(&args[1..]),
        Some("sizes") => sizes(&root().join("dist")),
        _ => Err("usage: cargo xtask dist [--no-opt] | sizes | bloat FILE.wasm [TOP]\n\n  dist    build dist/ (static site, single file sqltls.html, embed/)\n  sizes   the size table of the built dist/ against the budgets\n  bloat   where a wasm module's bytes go, by crate (run it before wasm-opt, which drops names)".into()),
    };
    if let Err(e) = result {
        eprintln!("xtask: {e}");
        exit(1);
    }
}

/// `cargo xtask bloat FILE.wasm [TOP]`: print [`bloat::breakdown`] of the file.
fn bloat(args: &[String]) -> Result<()> {
    let file = args
        .first()
        .ok_or("usage: cargo xtask bloat FILE.wasm [TOP]")?;
    let top = match args.get(1) {
        Some(n) => n
            .parse()
            .map_err(|_| format!("TOP must be a number: {n}"))?,
        None => 25,
    };
    let wasm = fs::read(file).map_err(|e| format!("{file}: {e}"))?;
    let shares = bloat::breakdown(&wasm)?;
    print!("{}", bloat::table(&shares, top));
    Ok(())
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn dist(args: &[String]) -> Result<()> {
    let no_opt = args.iter().any(|a| a == "--no-opt");
    let root = root();
    let wasm_bindgen = check_wasm_bindgen(&root)?;
    let wasm_opt = if no_opt { None } else { find_wasm_opt(&root) };

    step("cargo build (wasm32, profile wasm-release)");
    run(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .current_dir(&root)
            .args(["build", "--profile", PROFILE, "--target", TARGET])
            .args(["-p", "sqltls-web"]),
    )?;

    let target_dir = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("target"));
    let built = target_dir.join(TARGET).join(PROFILE);
    widget::build(&root, &built)?;
    let work = target_dir.join("xtask");
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work).map_err(io("create target/xtask"))?;

    for (wasm, name) in [
        ("sqltls-web.wasm", "sqltls_web"),
        (widget::LIGHT, widget::LIGHT_NAME),
        (widget::FULL, widget::FULL_NAME),
    ] {
        step(&format!("wasm-bindgen {wasm}"));
        run(Command::new(&wasm_bindgen)
            .arg(built.join(wasm))
            .args(["--target", "web", "--no-typescript", "--out-name", name])
            .arg("--out-dir")
            .arg(&work))?;
        let bg = work.join(format!("{name}_bg.wasm"));
        if let Some(opt) = &wasm_opt {
            step(&format!("wasm-opt {} {name}_bg.wasm", WASM_OPT.join(" ")));
            run(Command::new(opt)
                .arg(&bg)
                .args(WASM_OPT)
                .args(WASM_FEATURES)
                .arg("-o")
                .arg(&bg))?;
        }
    }
    // The single file's worker is a classic worker (a module worker does not start
    // from file://): the full module's glue for wasm-bindgen's no-modules target.
    // Only its script is used; its wasm is the same as the web target's.
    step(&format!("wasm-bindgen {} (no-modules glue)", widget::FULL));
    // Same out-name as the web target's: the wasm's imports are named after it.
    let classic = work.join(CLASSIC_DIR);
    run(Command::new(&wasm_bindgen)
        .arg(built.join(widget::FULL))
        .args([
            "--target",
            "no-modules",
            "--no-typescript",
            "--out-name",
            widget::FULL_NAME,
        ])
        .arg("--out-dir")
        .arg(&classic))?;

    if wasm_opt.is_none() && !no_opt {
        eprintln!("xtask: wasm-opt not found (PATH or tests/browser/node_modules/.bin): sizes are not optimised");
    }

    let dist = root.join("dist");
    let _ = fs::remove_dir_all(&dist);
    fs::create_dir_all(dist.join("embed")).map_err(io("create dist/embed"))?;

    let shell = read_text(&root.join("index.html"))?;
    let css = read_text(&root.join("web/style.css"))?;
    let app_js = read_text(&work.join("sqltls_web.js"))?;
    let app_wasm =
        fs::read(work.join("sqltls_web_bg.wasm")).map_err(io("read sqltls_web_bg.wasm"))?;
    let worker_dir = root.join("web/worker");
    let bridge = read_text(&worker_dir.join("bridge.js"))?;
    let worker = read_text(&worker_dir.join("worker.js"))?;

    step("dist/index.html (hashed assets)");
    let wasm_name = format!("sqltls-{}.wasm", short_hash(&app_wasm));
    fs::write(dist.join(&wasm_name), &app_wasm).map_err(io("write wasm"))?;
    // The analysis worker: a module worker over the element's modules in embed/.
    let site_worker = format!("{}\n{worker}", read_text(&worker_dir.join("site.js"))?);
    let worker_name = format!("sqltls-worker-{}.js", short_hash(site_worker.as_bytes()));
    fs::write(dist.join(&worker_name), &site_worker).map_err(io("write worker"))?;
    let js = format!(
        "{bridge}\n__sqltls_bridge(() => new Worker(new URL({worker_name:?}, import.meta.url), {{ type: \"module\" }}));\n{app_js}\n__wbg_init({{ module_or_path: new URL({wasm_name:?}, import.meta.url) }});\n"
    );
    let js_name = format!("sqltls-{}.js", short_hash(js.as_bytes()));
    fs::write(dist.join(&js_name), &js).map_err(io("write js"))?;
    let css_name = format!("sqltls-{}.css", short_hash(css.as_bytes()));
    fs::write(dist.join(&css_name), &css).map_err(io("write css"))?;
    let csp_site = csp("'self'", "'self'");
    let page = fill(
        &shell,
        &csp_site,
        // The wasm is fetched from the start, beside the script, not after it runs.
        &format!(
            r#"<link rel="stylesheet" href="{css_name}">
<link rel="preload" href="{wasm_name}" as="fetch" type="application/wasm" crossorigin>"#
        ),
        &format!(r#"<script type="module" src="{js_name}"></script>"#),
    )?;
    fs::write(dist.join("index.html"), page).map_err(io("write index.html"))?;

    step("dist/sqltls.html (single file)");
    let analysis_wasm = fs::read(work.join(format!("{}_bg.wasm", widget::FULL_NAME)))
        .map_err(io("read the full module"))?;
    let single_worker = format!(
        "{}\n{}\n{worker}",
        read_text(
            &work
                .join(CLASSIC_DIR)
                .join(format!("{}.js", widget::FULL_NAME))
        )?,
        read_text(&worker_dir.join("single.js"))?
    );
    let inline = single_file::inline_script(&single_file::Parts {
        app_js: &format!("{bridge}\n{app_js}"),
        app_wasm: &app_wasm,
        worker_js: &single_worker,
        analysis_wasm: &analysis_wasm,
    });
    let single = fill(
        &shell,
        &csp(&single_file::script_hash_source(&inline), "blob:"),
        &format!("<style>\n{css}</style>"),
        &format!(r#"<script type="module">{inline}</script>"#),
    )?;
    fs::write(dist.join("sqltls.html"), single).map_err(io("write sqltls.html"))?;

    step("dist/embed/ (custom element)");
    for f in widget::EMBED {
        fs::copy(work.join(f), dist.join("embed").join(f)).map_err(io(f))?;
    }
    fs::copy(
        root.join("web/embed/sqltls.js"),
        dist.join("embed/sqltls.js"),
    )
    .map_err(io("web/embed/sqltls.js"))?;
    let example = read_text(&root.join("web/embed-example.html"))?;
    if !example.contains("{{CSP}}") {
        return Err("web/embed-example.html lacks the {{CSP}} placeholder".into());
    }
    fs::write(
        dist.join("embed/embed-example.html"),
        example.replace("{{CSP}}", &csp_site),
    )
    .map_err(io("write embed-example.html"))?;

    println!("\ndist/ ready:");
    list(&dist, &dist)?;

    sizes(&dist)
}

/// `cargo xtask sizes`: the size table of a built `dist/`, against the budgets.
fn sizes(dist: &Path) -> Result<()> {
    let rows = measure(dist, &deliverables(dist)?)?;
    println!("\nsizes and budgets:\n{}", budgets::table(&rows));
    let enforce = budgets::enforced(std::env::var(budgets::ENFORCE_ENV).ok().as_deref());
    println!("{}", budgets::verdict(&rows, &enforce)?);
    Ok(())
}

/// The files of `dist/` in the size table, with their budgets. The site's hashed
/// files are found by their `<prefix><hash>.<ext>` names.
fn deliverables(dist: &Path) -> Result<Vec<Deliverable>> {
    let hashed_as = |prefix: &str, ext: &str| -> Result<String> {
        let mut names: Vec<String> = fs::read_dir(dist)
            .map_err(io("list dist"))?
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| {
                n.strip_prefix(prefix).is_some_and(|hash| {
                    hash.strip_suffix(ext)
                        .is_some_and(|h| h.chars().all(|c| c.is_ascii_hexdigit()))
                })
            })
            .collect();
        match names.len() {
            1 => Ok(names.remove(0)),
            n => Err(format!(
                "dist/ holds {n} {prefix}*{ext} files; one expected (rebuild with cargo xtask dist)"
            )),
        }
    };
    let hashed = |ext: &str| hashed_as("sqltls-", ext);
    let file = |label, path: &str, budget| Deliverable {
        label,
        path: PathBuf::from(path),
        budget,
    };
    Ok(vec![
        file("app wasm", &hashed(".wasm")?, Some(budgets::APP_WASM)),
        file("app js", &hashed(".js")?, None),
        file("app css", &hashed(".css")?, None),
        file(
            "analysis worker",
            &hashed_as("sqltls-worker-", ".js")?,
            None,
        ),
        file("single file", "sqltls.html", Some(budgets::SINGLE_FILE)),
        file(
            "widget light wasm",
            "embed/sqltls_wasm_bg.wasm",
            Some(budgets::WIDGET_WASM),
        ),
        file("widget light glue", "embed/sqltls_wasm.js", None),
        file("widget full wasm", "embed/sqltls_wasm_full_bg.wasm", None),
        file("widget full glue", "embed/sqltls_wasm_full.js", None),
        file("widget element", "embed/sqltls.js", None),
    ])
}

/// Each deliverable's sizes, read from `dist`.
fn measure(dist: &Path, deliverables: &[Deliverable]) -> Result<Vec<Row>> {
    deliverables
        .iter()
        .map(|d| {
            let bytes =
                fs::read(dist.join(&d.path)).map_err(|e| format!("{}: {e}", d.path.display()))?;
            Ok(Row {
                label: d.label.to_string(),
                file: d.path.display().to_string(),
                sizes: Sizes::of(&bytes),
                budget: d.budget,
            })
        })
        .collect()
}

/// The Content-Security-Policy: nothing beyond the page's own files.
/// The page's Content-Security-Policy: scripts from `script`, the analysis worker
/// from `worker`.
fn csp(script: &str, worker: &str) -> String {
    format!(
        "default-src 'none'; script-src {script} 'wasm-unsafe-eval'; worker-src {worker}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'"
    )
}

fn fill(shell: &str, csp: &str, style: &str, script: &str) -> Result<String> {
    // Each placeholder exactly once: a second {{SCRIPT}} (in a comment, say)
    // would put the whole inlined wasm in the single file twice.
    for p in ["{{CSP}}", "{{STYLE}}", "{{SCRIPT}}"] {
        match shell.matches(p).count() {
            1 => {}
            0 => return Err(format!("index.html lacks the {p} placeholder")),
            n => {
                return Err(format!(
                    "index.html holds the {p} placeholder {n} times; once is allowed"
                ))
            }
        }
    }
    // SCRIPT last: the inline script is large and must not be searched again.
    Ok(shell
        .replace("{{CSP}}", csp)
        .replace("{{STYLE}}", style)
        .replace("{{SCRIPT}}", script))
}

fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(5)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn check_wasm_bindgen(root: &Path) -> Result<PathBuf> {
    let lock = read_text(&root.join("Cargo.lock"))?;
    let wanted = lock
        .split("[[package]]")
        .find(|p| p.contains("\nname = \"wasm-bindgen\"\n"))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
        .map(|v| v.trim_end_matches('"').to_string())
        .ok_or("Cargo.lock has no wasm-bindgen package")?;
    let install = format!("install it with: cargo install wasm-bindgen-cli --version ={wanted}");
    let out = Command::new("wasm-bindgen")
        .arg("--version")
        .output()
        .map_err(|_| format!("wasm-bindgen is not on PATH; {install}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let found = text.split_whitespace().nth(1).unwrap_or("?");
    if found != wanted {
        return Err(format!(
            "wasm-bindgen on PATH is {found}, Cargo.lock wants {wanted}; {install}"
        ));
    }
    Ok(PathBuf::from("wasm-bindgen"))
}

fn find_wasm_opt(root: &Path) -> Option<PathBuf> {
    let local = root.join("tests/browser/node_modules/.bin/wasm-opt");
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("wasm-opt"))
            .find(|p| p.is_file())
    });
    on_path.or_else(|| local.is_file().then_some(local))
}

fn step(what: &str) {
    eprintln!("== {what}");
}

fn run(cmd: &mut Command) -> Result<()> {
    let status = cmd.status().map_err(|e| format!("{cmd:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} failed: {status}"))
    }
}

fn read_text(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn io(what: &str) -> impl Fn(std::io::Error) -> String + '_ {
    move |e| format!("{what}: {e}")
}

fn list(dir: &Path, base: &Path) -> Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .map_err(io("list dist"))?
        .filter_map(|e| e.ok())
        .collect();
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let path = e.path();
        if path.is_dir() {
            list(&path, base)?;
        } else {
            let size = e.metadata().map(|m| m.len()).unwrap_or(0);
            let rel = path.strip_prefix(base).unwrap_or(&path);
            println!("  {:>9}  {}", size, rel.display());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn each_placeholder_is_filled_once() {
        let shell = "<meta content=\"{{CSP}}\">{{STYLE}}<main></main>{{SCRIPT}}";
        let page = fill(shell, "csp", "<style></style>", "<script>big</script>").unwrap();
        assert_eq!(page.matches("big").count(), 1);
        let twice = "<!-- {{SCRIPT}} -->{{CSP}}{{STYLE}}{{SCRIPT}}";
        assert!(fill(twice, "c", "s", "x").unwrap_err().contains("2 times"));
        let shell =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../index.html")).unwrap();
        assert!(
            fill(&shell, "c", "s", "x").is_ok(),
            "index.html names each placeholder once"
        );
    }
}
