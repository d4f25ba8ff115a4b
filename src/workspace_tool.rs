//! Programs of the workspace's other crates, run through cargo: the book's builder (mdBook
//! and the gettext machinery), its search indexer (Pagefind, with a segmenter for Chinese)
//! and the zmq.rs matrix (zmq.rs and tokio). Their dependencies take minutes to compile and
//! only they need them, so the verdict table and `cargo test` never compile them: cargo
//! builds each the first time it is asked for, from the workspace this program was built in.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

pub struct Tool {
    pub package: &'static str,
    /// The binary, where the package has more than one.
    pub bin: Option<&'static str>,
    /// Said before the first build: what is compiled, and about how long it takes.
    pub first_build: &'static str,
}

pub const BOOK_BUILDER: Tool = Tool {
    package: "zmq-workbook-book",
    bin: Some("workbook-book"),
    first_build: "Compiling the book's builder (mdBook and its translations), once: a minute or two",
};

pub const SEARCH_INDEXER: Tool = Tool {
    package: "book-search",
    bin: None,
    first_build:
        "Compiling the search indexer (Pagefind, with ICU4X for Chinese words), once: a few minutes",
};

pub const MATRIX: Tool = Tool {
    package: "zmq-implementations",
    bin: Some("implementations"),
    first_build: "Compiling the zmq.rs matrix (zmq.rs and tokio), once: a few minutes",
};

impl Tool {
    /// Whether the program is beside this one (target/debug/) already.
    fn built_before(&self) -> bool {
        let binary = format!(
            "{}{}",
            self.bin.unwrap_or(self.package),
            std::env::consts::EXE_SUFFIX
        );
        std::env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.parent()?.parent()?.join("debug").join(&binary)))
            .is_some_and(|program| program.exists())
    }

    /// The cargo command that builds the program if need be and runs it with `args`. Before
    /// a first build it says so, and cargo shows its progress; afterwards cargo is quiet.
    pub fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
        let mut command = Command::new(cargo);
        command.arg("run");
        if self.built_before() {
            command.arg("--quiet");
        } else {
            eprintln!("{}", self.first_build);
        }
        command
            .arg("--manifest-path")
            .arg(manifest)
            .args(["--package", self.package]);
        if let Some(bin) = self.bin {
            command.args(["--bin", bin]);
        }
        command.arg("--").args(args);
        command
    }
}
