//! Request framing as the client sent it. hyper drops `Content-Length` when a request also has
//! `Transfer-Encoding` (RFC 9112 6.3), so the application never sees the conflict; this reader
//! follows the framing of each request on a connection and records which heads carried both,
//! so that `serve` can mark those requests ([`Conflict`]) and they are refused (a request
//! smuggling attempt, or a client the proxy should not guess for).

use std::collections::BTreeSet;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// Marks a request (in its extensions) whose head had both `Content-Length` and
/// `Transfer-Encoding`.
#[derive(Clone, Copy, Debug)]
pub struct Conflict;

/// Longest head followed; beyond it hyper refuses the request anyway.
const MAX_HEAD: usize = 64 * 1024;

enum State {
    /// Reading a request head (the bytes so far).
    Head(Vec<u8>),
    /// Skipping a body of this many bytes.
    Body(u64),
    /// Reading a chunk-size line.
    ChunkSize(Vec<u8>),
    /// Skipping chunk data (and its CRLF).
    ChunkData(u64),
    /// Reading trailer lines up to the empty one (the current line so far).
    Trailers(Vec<u8>),
    /// Framing hyper will refuse; nothing more is followed.
    Lost,
}

/// Wraps a connection's stream; the numbers of the requests (from 0) whose head carried both
/// headers go to `conflicts`.
pub struct FramingReader<S> {
    inner: S,
    state: State,
    heads: u64,
    conflicts: Arc<Mutex<BTreeSet<u64>>>,
}

impl<S> FramingReader<S> {
    pub fn new(inner: S, conflicts: Arc<Mutex<BTreeSet<u64>>>) -> Self {
        FramingReader { inner, state: State::Head(Vec::new()), heads: 0, conflicts }
    }

    fn follow(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            match &mut self.state {
                State::Lost => return,
                State::Body(left) | State::ChunkData(left) => {
                    let n = (*left).min(bytes.len() as u64);
                    *left -= n;
                    bytes = &bytes[n as usize..];
                    if *left == 0 {
                        self.state = match self.state {
                            State::Body(_) => State::Head(Vec::new()),
                            _ => State::ChunkSize(Vec::new()),
                        };
                    }
                }
                State::Head(line) | State::ChunkSize(line) | State::Trailers(line) => {
                    let end = bytes.iter().position(|&b| b == b'\n');
                    let take = end.map_or(bytes.len(), |i| i + 1);
                    line.extend_from_slice(&bytes[..take]);
                    bytes = &bytes[take..];
                    if line.len() > MAX_HEAD {
                        self.state = State::Lost;
                    } else if end.is_some() {
                        self.line_done();
                    }
                }
            }
        }
    }

    /// A line (or, for a head, a line of it) has ended.
    fn line_done(&mut self) {
        let next = match &mut self.state {
            State::Head(head) => {
                if head == b"\r\n" || head == b"\n" {
                    head.clear(); // empty lines before a request line
                    return;
                }
                if !head.ends_with(b"\n\r\n") && !head.ends_with(b"\n\n") {
                    return;
                }
                let (length, encoding) = framing(head);
                let number = self.heads;
                self.heads += 1;
                if length.is_some() && encoding.is_some() {
                    self.conflicts.lock().expect("conflicts").insert(number);
                }
                match (encoding, length) {
                    (Some(te), _) if te.trim().to_ascii_lowercase().ends_with("chunked") => {
                        State::ChunkSize(Vec::new())
                    }
                    (Some(_), _) => State::Lost,
                    (None, Some(length)) => match length.trim().parse::<u64>() {
                        Ok(0) => State::Head(Vec::new()),
                        Ok(n) => State::Body(n),
                        Err(_) => State::Lost,
                    },
                    (None, None) => State::Head(Vec::new()),
                }
            }
            State::ChunkSize(line) => {
                let text = String::from_utf8_lossy(line);
                let size = text.split(';').next().unwrap_or_default().trim();
                match u64::from_str_radix(size, 16) {
                    Ok(0) => State::Trailers(Vec::new()),
                    Ok(n) => State::ChunkData(n.saturating_add(2)), // and its CRLF
                    Err(_) => State::Lost,
                }
            }
            State::Trailers(line) => {
                if line == b"\r\n" || line == b"\n" {
                    State::Head(Vec::new())
                } else {
                    State::Trailers(Vec::new())
                }
            }
            _ => return,
        };
        self.state = next;
    }
}

/// The `Content-Length` and `Transfer-Encoding` values of a head (the last of each, joined
/// for repeated ones; `Some` when the header is present at all).
fn framing(head: &[u8]) -> (Option<String>, Option<String>) {
    let text = String::from_utf8_lossy(head);
    let (mut length, mut encoding) = (None::<String>, None::<String>);
    for line in text.split('\n').skip(1) {
        let Some((name, value)) = line.split_once(':') else { continue };
        let name = name.trim().to_ascii_lowercase();
        let value = value.trim().to_string();
        let slot = match name.as_str() {
            "content-length" => &mut length,
            "transfer-encoding" => &mut encoding,
            _ => continue,
        };
        *slot = Some(match slot.take() {
            Some(before) => format!("{before},{value}"),
            None => value,
        });
    }
    (length, encoding)
}

impl<S: AsyncRead + Unpin> AsyncRead for FramingReader<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let result = Pin::new(&mut self.inner).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = result {
            let this = &mut *self;
            this.follow(&buf.filled()[before..]);
        }
        result
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for FramingReader<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

#[cfg(test)]
mod tests {
    use super::FramingReader;
    use std::collections::BTreeSet;
    use std::sync::{Arc, Mutex};

    #[test]
    fn follows_keep_alive_requests_and_records_the_conflicting_heads() {
        let conflicts = Arc::new(Mutex::new(BTreeSet::new()));
        let mut reader = FramingReader::new((), conflicts.clone());
        let stream = b"POST / HTTP/1.1\r\ncontent-length: 5\r\n\r\nhello\
POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n5;x=1\r\nhello\r\n0\r\nt: 1\r\n\r\n\
POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n\
GET / HTTP/1.1\r\n\r\n\
POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\ncontent-length: 3\r\n\r\n";
        // Byte by byte, as a slow client sends it, and all at once.
        for byte in stream.chunks(1) {
            reader.follow(byte);
        }
        assert_eq!(*conflicts.lock().unwrap(), BTreeSet::from([2, 4]));
        let conflicts = Arc::new(Mutex::new(BTreeSet::new()));
        FramingReader::new((), conflicts.clone()).follow(stream);
        assert_eq!(*conflicts.lock().unwrap(), BTreeSet::from([2, 4]));
    }
}
