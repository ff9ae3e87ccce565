//! Percent-encoding sets and timestamp text shared by the renderers.

/// RFC 3986 encoding: every byte of the UTF-8 text but the unreserved characters
/// `A-Z a-z 0-9 - _ . ~` as `%XX` (space as `%20`, `*` as `%2A`; Alibaba RPC, SigV4).
/// Written out rather than with `percent_encoding`'s encoder, whose 768-byte table of every
/// `%XX` would ship in the page's first module.
pub fn rfc3986(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 15)] as char);
        }
    }
    out
}

/// Python's `urllib.parse.quote_plus`, which the AWS CLI uses for awsQuery bodies:
/// like RFC 3986 but space as `+`.
pub fn form(text: &str) -> String {
    // A literal `%` is encoded as `%25`, so every `%20` here came from a space.
    rfc3986(text).replace("%20", "+")
}

/// `key=value&key=value` with `encode` applied to both sides.
pub fn pairs(pairs: &[(String, String)], encode: fn(&str) -> String) -> String {
    pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
}

#[cfg(test)]
mod tests {
    use super::{form, rfc3986};

    #[test]
    fn rfc3986_encodes_all_but_the_unreserved_characters_as_percent_encoding_does() {
        const SET: &percent_encoding::AsciiSet =
            &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
        let every_byte: String = (1u8..128).map(char::from).chain("é€😀 ~*".chars()).collect();
        assert_eq!(
            rfc3986(&every_byte),
            percent_encoding::utf8_percent_encode(&every_byte, SET).to_string()
        );
        assert_eq!(rfc3986("a b*~é"), "a%20b%2A~%C3%A9");
        assert_eq!(form("a b+c"), "a+b%2Bc");
    }
}
