//! Bounded reading: files are read only when they are regular files, and
//! never more than the limit plus one byte (to tell "exactly at the limit"
//! from "over it"). Folders, FIFOs, sockets and devices are never opened, so
//! `/dev/zero` or a FIFO without a writer cannot make the command grow or
//! hang. Also the escaping of names for display.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;

/// What reading a path gave.
#[derive(Debug, PartialEq, Eq)]
pub enum FileRead {
    /// The whole file, at most the limit.
    Bytes(Vec<u8>),
    /// A regular file over the limit: its size in bytes (at least limit + 1).
    TooLarge(u64),
    /// Not a regular file (never opened): what it is.
    NotAFile(&'static str),
}

/// What a path that is not a regular file is, in words.
pub fn kind(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    if t.is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    "not a regular file"
}

/// At most `limit` bytes of `reader`; the flag says whether there was more.
/// Reads at most `limit + 1` bytes, whatever the reader holds.
pub fn read_bounded<R: Read>(reader: R, limit: u64) -> io::Result<(Vec<u8>, bool)> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    let more = bytes.len() as u64 > limit;
    if more {
        bytes.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    }
    Ok((bytes, more))
}

/// Read `path` if it is a regular file of at most `limit` bytes. `follow`
/// says whether a symbolic link is followed (else it is reported as not a
/// file). The type and size are checked before opening, and again on the
/// opened handle (the path may have changed in between).
pub fn read_file(path: &Path, limit: u64, follow: bool) -> io::Result<FileRead> {
    let meta = if follow {
        std::fs::metadata(path)?
    } else {
        std::fs::symlink_metadata(path)?
    };
    if !meta.is_file() {
        return Ok(FileRead::NotAFile(kind(&meta)));
    }
    if meta.len() > limit {
        return Ok(FileRead::TooLarge(meta.len()));
    }
    let file = File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Ok(FileRead::NotAFile(kind(&meta)));
    }
    let (bytes, more) = read_bounded(file, limit)?;
    if more {
        return Ok(FileRead::TooLarge(meta.len().max(limit.saturating_add(1))));
    }
    Ok(FileRead::Bytes(bytes))
}

/// Push `c` escaped when it is a control character or a bidirectional
/// override (which could rewrite a terminal line or reorder what is shown).
fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if c.is_control() && u32::from(c) <= 0xFF => {
            out.push_str(&format!("\\x{:02x}", u32::from(c)));
        }
        c if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') => {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        }
        c => out.push(c),
    }
}

/// `text` with control characters escaped (`\n`, `\x1b`...), safe to print
/// on a terminal as one line.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    out
}

/// Raw bytes shown as text: valid UTF-8 kept (control characters escaped),
/// every invalid byte as `\xNN`, so two different names never look alike
/// after a lossy replacement.
fn escape_bytes(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                out.push_str(&escape(s));
                return out;
            }
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                out.push_str(&escape(std::str::from_utf8(valid).unwrap_or_default()));
                let bad = e.error_len().unwrap_or(rest.len()).max(1);
                for b in rest.iter().take(bad) {
                    out.push_str(&format!("\\x{b:02x}"));
                }
                bytes = rest.get(bad..).unwrap_or_default();
            }
        }
    }
}

/// A path as shown in output: escaped (see [`escape_bytes`]).
pub fn display_path(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        escape_bytes(path.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        match path.to_str() {
            Some(s) => escape(s),
            None => escape_bytes(path.to_string_lossy().as_bytes()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::io::Write;

    /// Counts the bytes it hands out.
    struct Counting<'a, R> {
        inner: R,
        count: &'a Cell<u64>,
    }

    impl<R: Read> Read for Counting<'_, R> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.count.set(self.count.get() + n as u64);
            Ok(n)
        }
    }

    #[test]
    fn an_endless_reader_is_read_up_to_the_limit_plus_one() {
        let count = Cell::new(0);
        let reader = Counting {
            inner: io::repeat(0),
            count: &count,
        };
        let (bytes, more) = read_bounded(reader, 1000).unwrap();
        assert!(more);
        assert_eq!(bytes.len(), 1000);
        assert_eq!(count.get(), 1001);
    }

    #[test]
    fn a_reader_at_the_limit_is_whole() {
        let (bytes, more) = read_bounded(&b"abc"[..], 3).unwrap();
        assert_eq!((bytes.as_slice(), more), (&b"abc"[..], false));
    }

    #[test]
    fn a_sparse_file_over_the_limit_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.pem");
        let f = File::create(&path).unwrap();
        f.set_len(2 * 1024 * 1024 * 1024).unwrap();
        assert_eq!(
            read_file(&path, 10 * 1024 * 1024, true).unwrap(),
            FileRead::TooLarge(2 * 1024 * 1024 * 1024)
        );
    }

    #[test]
    fn small_files_are_read_and_folders_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        File::create(&path).unwrap().write_all(b"hello").unwrap();
        assert_eq!(
            read_file(&path, 5, true).unwrap(),
            FileRead::Bytes(b"hello".to_vec())
        );
        assert_eq!(read_file(&path, 4, true).unwrap(), FileRead::TooLarge(5));
        assert_eq!(
            read_file(dir.path(), 5, true).unwrap(),
            FileRead::NotAFile("a folder")
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.txt");
        File::create(&target).unwrap().write_all(b"x").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(
            read_file(&link, 5, false).unwrap(),
            FileRead::NotAFile("a symbolic link")
        );
        assert_eq!(
            read_file(&link, 5, true).unwrap(),
            FileRead::Bytes(b"x".to_vec())
        );
    }

    #[test]
    fn escaping() {
        assert_eq!(escape("a\nb\x1b[31mc\u{202E}"), "a\\nb\\x1b[31mc\\u{202e}");
        assert_eq!(escape("plain/path é"), "plain/path é");
        assert_eq!(escape_bytes(b"a\xffb\xfe"), "a\\xffb\\xfe");
        assert_ne!(escape_bytes(b"x\xff"), escape_bytes(b"x\xfe"));
    }
}
