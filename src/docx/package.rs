//! TEMPORARY stub: replaced by the real packager.
use std::io::Write;

/// A part.
pub(crate) struct Part {
    pub path: String,
    pub data: Vec<u8>,
}

/// A package.
pub(crate) struct Package {
    pub parts: Vec<Part>,
}

impl Package {
    /// Stub.
    pub(crate) fn check(&self) -> Result<(), Vec<String>> {
        Ok(())
    }
    /// Stub.
    pub(crate) fn to_bytes(&self) -> Result<Vec<u8>, std::io::Error> {
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        let o = zip::write::SimpleFileOptions::default();
        for p in &self.parts {
            z.start_file(p.path.as_str(), o).map_err(std::io::Error::other)?;
            z.write_all(&p.data)?;
        }
        z.finish().map_err(std::io::Error::other)?;
        Ok(buf.into_inner())
    }
}
