//! Links the binaries and tests against the libtorch fetched into `.deps/libtorch` (see the Makefile) and
//! records its location as an rpath, so nothing needs `LD_LIBRARY_PATH`; `$ORIGIN/lib` comes second, for
//! a binary shipped with libtorch's libraries in `lib/` beside it.
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=LIBTORCH");
    let libtorch = std::env::var("LIBTORCH").unwrap_or_else(|_| ".deps/libtorch".to_string());
    let lib = PathBuf::from(libtorch).join("lib");
    if !lib.join("libtorch_cpu.so").exists() {
        println!(
            "cargo:warning=libtorch not found at {}: run `make libtorch` (or scripts/fetch-libtorch.sh)",
            lib.display()
        );
    }
    println!("cargo:rustc-link-arg=-Wl,-rpath,{}", lib.display());
    // A binary packed with libtorch beside it (scripts/spark/pack.sh: `newsner`, `lib/`) finds it there.
    println!("cargo:rustc-link-arg=-Wl,-rpath,$ORIGIN/lib");
}
