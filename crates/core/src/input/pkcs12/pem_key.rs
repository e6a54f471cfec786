//! Private keys in PEM files (SQL Server on Linux keeps the key apart from the
//! certificate): PKCS#8 (`PRIVATE KEY`), encrypted PKCS#8 (`ENCRYPTED PRIVATE
//! KEY`, opened with the password), PKCS#1 (`RSA PRIVATE KEY`) and SEC1
//! (`EC PRIVATE KEY`), each reduced to its public half for pairing.

use super::*;

/// Decode the DER of a PEM private-key block labelled `label`. `password`
/// opens an encrypted PKCS#8 key (PBES2, or the PKCS#12 PBE schemes).
pub fn decode_pem_key(
    label: &str,
    der_bytes: &[u8],
    password: Option<&str>,
) -> Result<Pkcs12Key, Pkcs12Error> {
    let public_key = match label {
        "PRIVATE KEY" => return private_key(der_bytes, BagAttributes::default()),
        "ENCRYPTED PRIVATE KEY" => {
            let epki = EncryptedPrivateKeyInfoRef::from_der(der_bytes)
                .map_err(|e| malformed("EncryptedPrivateKeyInfo", e))?;
            let passwords = Passwords::new(password);
            let walker = Walker::new(&passwords, false, 0);
            let mut acc = Acc::default();
            return walker
                .decrypt(
                    &epki.algorithm,
                    epki.encrypted_data.as_bytes(),
                    &mut acc,
                    "encrypted private key",
                    &|pt| private_key(pt, BagAttributes::default()),
                )?
                .ok_or(Pkcs12Error::IterationLimit(MAX_TOTAL_ITERATIONS));
        }
        "RSA PRIVATE KEY" => rsa_public(der_bytes)?,
        "EC PRIVATE KEY" => {
            let ec = sec1::EcPrivateKey::from_der(der_bytes)
                .map_err(|e| malformed("EC private key", e))?;
            let curve = ec
                .parameters
                .and_then(|p| p.named_curve())
                .map(|oid| oid.to_string());
            let point = curve.as_deref().and_then(|c| match ec.public_key {
                Some(p) if !p.is_empty() => Some(normalise_point(c, p)),
                _ => derive_ec_point(c, ec.private_key),
            });
            match (curve, point) {
                (Some(curve_oid), Some(point)) => KeyPublic::Ec { curve_oid, point },
                _ => KeyPublic::Other {
                    algorithm_oid: OID_EC_PUBLIC_KEY.to_string(),
                },
            }
        }
        other => {
            return Err(Pkcs12Error::Malformed(format!(
                "a PEM block labelled '{other}' is not a private key sqltls reads"
            )))
        }
    };
    Ok(Pkcs12Key {
        friendly_name: None,
        local_key_id: None,
        csp_name: None,
        key_spec: None,
        machine_key_set: false,
        public_key,
    })
}
