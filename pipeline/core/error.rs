//! The library's error type.

use std::path::PathBuf;

/// Everything that can go wrong inside the library. Binaries wrap it with `anyhow` for context.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{}: {cause}", crate::text::printable(&path.display().to_string()))]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error (in the message, not repeated as a source).
        cause: std::io::Error,
    },
    /// A model directory is missing a file or holds something we cannot use.
    #[error("model {path}: {message}")]
    Model {
        /// The model directory or file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The model's engine (libtorch, rust-bert on the map side) reported an error.
    #[error("{engine}: {message}")]
    Engine {
        /// Which engine (`libtorch`, `rust-bert`).
        engine: &'static str,
        /// Its message.
        message: String,
    },
    /// The tokenizer failed.
    #[error("tokenizer: {0}")]
    Tokenizer(String),
    /// JSON could not be read or written.
    #[error("{}: {source}", crate::text::printable(&path.display().to_string()))]
    Json {
        /// The file involved.
        path: PathBuf,
        /// The underlying error.
        source: serde_json::Error,
    },
    /// A CSV table could not be read or written.
    #[error("{}: {source}", crate::text::printable(&path.display().to_string()))]
    Csv {
        /// The file involved.
        path: PathBuf,
        /// The underlying error.
        source: csv::Error,
    },
    /// Input data (a CoNLL file, an alias table, an argument) is malformed.
    #[error("{}: {message}", crate::text::printable(&path.display().to_string()))]
    Input {
        /// The file involved.
        path: PathBuf,
        /// What is wrong, with a line number where one applies.
        message: String,
    },
    /// Another run holds the output folder's lock.
    #[error("{0}")]
    Locked(String),
    /// The corpus cannot be listed, holds no articles, or lost most of them since the last run: the
    /// published tables are kept.
    #[error("{}: {message}", crate::text::printable(&path.display().to_string()))]
    Corpus {
        /// The corpus folder.
        path: PathBuf,
        /// What is wrong, and how to accept it where that is a choice.
        message: String,
    },
    /// An argument is out of range.
    #[error("{0}")]
    Usage(String),
}

/// Process exit codes (sysexits.h where one fits).
pub mod exit {
    /// Every article was processed and the tables were published.
    pub const OK: u8 = 0;
    /// Something else went wrong (an output that cannot be written, a model that cannot be loaded).
    pub const FAILURE: u8 = 1;
    /// The tables were published, but some files were skipped or failed (see `articles.csv`).
    pub const SOME_FILES: u8 = 2;
    /// The command line is wrong (EX_USAGE).
    pub const USAGE: u8 = 64;
    /// The corpus is missing, cannot be listed, holds no articles or lost most of them (EX_NOINPUT);
    /// nothing was published.
    pub const NO_INPUT: u8 = 66;
    /// Another run holds the output folder (EX_TEMPFAIL): try again later, or pass `--wait`.
    pub const LOCKED: u8 = 75;
    /// The run was stopped by a signal while an address-space limit (`ulimit -v`) was set: memory ran
    /// out (EX_OSERR). Nothing was published by it; the tables of the last run stay.
    pub const OUT_OF_MEMORY: u8 = 71;
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, cause: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            cause,
        }
    }

    /// The process exit code this error calls for (see [`exit`]).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Corpus { .. } => exit::NO_INPUT,
            Error::Usage(_) => exit::USAGE,
            Error::Locked(_) => exit::LOCKED,
            _ => exit::FAILURE,
        }
    }

    /// A model error for `path`.
    pub fn model(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Model {
            path: path.into(),
            message: message.into(),
        }
    }

    /// An error the model's engine reported.
    pub fn engine(engine: &'static str, message: impl std::fmt::Display) -> Self {
        Error::Engine {
            engine,
            message: message.to_string(),
        }
    }

    /// An input error for `path`.
    pub fn input(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            message: message.into(),
        }
    }
}
