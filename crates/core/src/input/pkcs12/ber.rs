//! BER to DER normalisation (indefinite lengths, constructed strings), as some Java and older Windows tools write PKCS#12.

#[cfg(feature = "crypto")]
use super::*;

pub(super) struct BerHeader {
    pub(super) first: u8,
    /// Read by the normaliser only (the light build sniffs headers, never normalises).
    #[cfg_attr(not(feature = "crypto"), allow(dead_code))]
    pub(super) tag_end: usize,
    pub(super) len: Option<usize>,
    pub(super) content_start: usize,
}

/// Read the identifier and length octets at `pos`. The length is not checked
/// against the input size. `len: None` means indefinite length.
pub(super) fn ber_header(input: &[u8], pos: usize) -> Option<BerHeader> {
    let first = *input.get(pos)?;
    let mut p = pos.checked_add(1)?;
    if first & 0x1f == 0x1f {
        let mut count = 0;
        loop {
            let b = *input.get(p)?;
            p = p.checked_add(1)?;
            count += 1;
            if count > 4 {
                return None;
            }
            if b & 0x80 == 0 {
                break;
            }
        }
    }
    let tag_end = p;
    let lb = *input.get(p)?;
    p = p.checked_add(1)?;
    let len = if lb < 0x80 {
        Some(usize::from(lb))
    } else if lb == 0x80 {
        if first & 0x20 == 0 {
            return None; // indefinite length needs a constructed encoding
        }
        None
    } else {
        let n = usize::from(lb & 0x7f);
        if n > 4 {
            return None;
        }
        let mut l: usize = 0;
        for _ in 0..n {
            l = l
                .checked_mul(256)?
                .checked_add(usize::from(*input.get(p)?))?;
            p = p.checked_add(1)?;
        }
        Some(l)
    };
    Some(BerHeader {
        first,
        tag_end,
        len,
        content_start: p,
    })
}

#[cfg(feature = "crypto")]
pub(super) fn push_der_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        let significant = bytes.get(skip..).unwrap_or(&[]);
        out.push(0x80 | significant.len() as u8);
        out.extend_from_slice(significant);
    }
}

/// Normalise one BER element starting at `pos` (and ending at or before `limit`)
/// into DER, appending to `out`. Returns the position after the element.
#[cfg(feature = "crypto")]
pub(super) fn ber_element(
    input: &[u8],
    pos: usize,
    limit: usize,
    depth: usize,
    out: &mut Vec<u8>,
) -> Option<usize> {
    if depth > MAX_BER_DEPTH {
        return None;
    }
    let input = input.get(..limit)?;
    let h = ber_header(input, pos)?;
    let tag = input.get(pos..h.tag_end)?;
    let constructed = h.first & 0x20 != 0;
    if !constructed {
        let len = h.len?;
        let end = h.content_start.checked_add(len)?;
        let content = input.get(h.content_start..end)?;
        out.extend_from_slice(tag);
        push_der_len(out, len);
        out.extend_from_slice(content);
        return Some(end);
    }
    let mut body = Vec::new();
    let mut p = h.content_start;
    let end = match h.len {
        Some(len) => {
            let end = h.content_start.checked_add(len)?;
            if end > input.len() {
                return None;
            }
            while p < end {
                p = ber_element(input, p, end, depth + 1, &mut body)?;
            }
            end
        }
        None => loop {
            if input.get(p..p.checked_add(2)?)? == [0u8, 0u8] {
                break p.checked_add(2)?;
            }
            p = ber_element(input, p, input.len(), depth + 1, &mut body)?;
        },
    };
    if tag == [0x24] {
        // Constructed OCTET STRING: concatenate the (already normalised) segments.
        let mut joined = Vec::new();
        let mut q = 0;
        while q < body.len() {
            let seg = ber_header(&body, q)?;
            if seg.first != 0x04 {
                return None;
            }
            let seg_end = seg.content_start.checked_add(seg.len?)?;
            joined.extend_from_slice(body.get(seg.content_start..seg_end)?);
            q = seg_end;
        }
        out.push(0x04);
        push_der_len(out, joined.len());
        out.extend_from_slice(&joined);
    } else {
        out.extend_from_slice(tag);
        push_der_len(out, body.len());
        out.extend_from_slice(&body);
    }
    Some(end)
}

/// Normalise the first element of `input` to DER. Trailing bytes are ignored when
/// `allow_trailing` (outer file), otherwise they make the input malformed.
#[cfg(feature = "crypto")]
pub(crate) fn normalise_with(
    input: &[u8],
    place: &str,
    allow_trailing: bool,
) -> Result<Vec<u8>, Pkcs12Error> {
    if input.is_empty() {
        return Err(Pkcs12Error::Malformed(format!("{place}: no data")));
    }
    let mut out = Vec::with_capacity(input.len());
    match ber_element(input, 0, input.len(), 0, &mut out) {
        Some(end) if allow_trailing || end == input.len() => Ok(out),
        Some(_) => Err(Pkcs12Error::Malformed(format!(
            "{place}: unexpected data after the end"
        ))),
        None => Err(Pkcs12Error::Malformed(format!(
            "{place}: truncated or not valid DER/BER"
        ))),
    }
}

/// Normalise a complete inner structure (no trailing bytes allowed) to DER.
#[cfg(feature = "crypto")]
pub(super) fn normalise(input: &[u8], place: &str) -> Result<Vec<u8>, Pkcs12Error> {
    normalise_with(input, place, false)
}
