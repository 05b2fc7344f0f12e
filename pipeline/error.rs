//! The library's error type.

use std::path::PathBuf;

/// Everything that can go wrong inside the library. Binaries wrap it with `anyhow` for context.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A model directory is missing a file or holds something we cannot use.
    #[error("model {path}: {message}")]
    Model {
        /// The model directory or file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// libtorch reported an error.
    #[error("libtorch: {0}")]
    Torch(#[from] tch::TchError),
    /// rust-bert reported an error.
    #[error("rust-bert: {0}")]
    RustBert(#[from] rust_bert::RustBertError),
    /// The tokenizer failed.
    #[error("tokenizer: {0}")]
    Tokenizer(String),
    /// JSON could not be read or written.
    #[error("{path}: {source}")]
    Json {
        /// The file involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },
    /// A CSV table could not be read or written.
    #[error("{path}: {source}")]
    Csv {
        /// The file involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: csv::Error,
    },
    /// Input data (a CoNLL file, an alias table, an argument) is malformed.
    #[error("{path}: {message}")]
    Input {
        /// The file involved.
        path: PathBuf,
        /// What is wrong, with a line number where one applies.
        message: String,
    },
    /// Another run holds the output folder's lock.
    #[error("{0}")]
    Locked(String),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A model error for `path`.
    pub fn model(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Model {
            path: path.into(),
            message: message.into(),
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
