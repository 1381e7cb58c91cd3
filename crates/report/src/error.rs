use thiserror::Error;

/// Errors of report rendering and exports.
#[derive(Debug, Error)]
pub enum ReportError {
    #[error("gagal menulis berkas: {0}")]
    Io(#[from] std::io::Error),
    #[error("gagal menulis CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("gagal menulis XLSX: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("ekspor sudah selesai")]
    Finished,
}

pub type Result<T> = std::result::Result<T, ReportError>;
