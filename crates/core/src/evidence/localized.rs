//! Translated wordings of the top TLS errors: one table per message, each
//! listing the message's words in the languages the drivers and Windows ship.
//!
//! The driver texts are the drivers' own resource files: dotnet/SqlClient
//! `src/Microsoft.Data.SqlClient/src/Resources/Strings.<lang>.resx` and
//! microsoft/mssql-jdbc `src/main/java/com/microsoft/sqlserver/jdbc/SQLServerResource_<lang>.java`
//! (commit 2b801fc30d1249e537c27a49958f24c98ea34571, "Added multiple
//! localization files for error messages"). Windows localizes the Schannel
//! and socket texts itself; those are taken from public reports, cited per
//! row. Each needle is a fragment without placeholders and is matched on the
//! folded text (see `messages::fold`), so punctuation does not matter.

use super::messages::skeleton;
use crate::catalogue::Rule;
use std::sync::OnceLock;

/// One message and its translations.
struct Message {
    /// The rule the message maps to.
    rule: Rule,
    /// A wrapper that says little by itself (dropped when a more specific
    /// diagnosis is found in the same text).
    generic: bool,
    /// Who says it, and the English wording.
    english: &'static str,
    /// (language, fragments that must all occur, where the wording is from).
    translations: &'static [(&'static str, &'static [&'static str], &'static str)],
}

const SQLCLIENT_RESX: &str =
    "dotnet/SqlClient src/Microsoft.Data.SqlClient/src/Resources/Strings.<lang>.resx";
const JDBC_RESOURCE: &str =
    "microsoft/mssql-jdbc src/main/java/com/microsoft/sqlserver/jdbc/SQLServerResource_<lang>.java";

static MESSAGES: &[Message] = &[
    // Schannel SEC_E_UNTRUSTED_ROOT, as Windows words it in each language.
    Message {
        rule: Rule::ErrorUntrustedRoot,
        generic: false,
        english: "Schannel (SEC_E_UNTRUSTED_ROOT): \"The certificate chain was issued by an authority that is not trusted.\"",
        translations: &[
            ("de", &["zertifikatkette wurde von einer nicht vertrauenswürdigen zertifizierungsstelle ausgestellt"], "https://github.com/fisharebest/webtrees/issues/5246"),
            ("fr", &["chaîne de certificats a été fournie par une autorité qui n'est pas approuvée"], "https://faq.pcsoft.fr/24203-faq-read.awp; http://support.microsoft.com/kb/2007728/fr"),
            ("ja", &["信頼されていない機関によって証明書チェーンが発行されました"], "https://learn.microsoft.com/ja-jp/troubleshoot/sql/database-engine/connect/error-message-when-you-connect"),
            ("zh-Hans", &["证书链是由不受信任的颁发机构颁发的"], "https://github.com/trimble-oss/dba-dash/issues/1664"),
        ],
    },
    // Windows WSAECONNRESET (10054).
    Message {
        rule: Rule::ErrorConnectionForciblyClosed,
        generic: false,
        english: "Windows socket error 10054: \"An existing connection was forcibly closed by the remote host.\"",
        translations: &[
            ("de", &["eine vorhandene verbindung wurde vom remotehost geschlossen"], "https://github.com/AdKats/AdKats/issues/559"),
            ("zh-Hans", &["远程主机强迫关闭了一个现有的连接"], "https://github.com/t8y2/dbx/issues/6836"),
            ("es", &["se ha forzado la interrupción de una conexión existente por el host remoto"], "https://github.com/IIC2233/syllabus-2020-1/issues/1132"),
            ("ru", &["удаленный хост принудительно разорвал существующее подключение"], "https://github.com/RatScanner/RatScanner/issues/610"),
        ],
    },
    // Schannel SEC_E_WRONG_PRINCIPAL.
    Message {
        rule: Rule::ErrorNameMismatch,
        generic: false,
        english: "Schannel (SEC_E_WRONG_PRINCIPAL): \"The target principal name is incorrect.\"",
        translations: &[
            ("de", &["der zielprinzipalname ist falsch"], "https://github.com/dotnet/SqlClient/issues/1621"),
        ],
    },
    // SqlClient Snix_PreLogin.
    Message {
        rule: Rule::ErrorHandshakeFailed,
        generic: true,
        english: "SqlClient (Snix_PreLogin): \"A connection was successfully established with the server, but then an error occurred during the pre-login handshake.\"",
        translations: &[
            ("de", &["während des handshakes vor der anmeldung trat ein fehler auf"], SQLCLIENT_RESX),
            ("fr", &["pendant la négociation préalable à l'ouverture de session"], SQLCLIENT_RESX),
            ("es", &["durante el inicio de sesión previo del protocolo de enlace"], SQLCLIENT_RESX),
            ("it", &["durante l'handshake pre-login"], SQLCLIENT_RESX),
            ("pt-BR", &["durante o handshake de pré-logon"], SQLCLIENT_RESX),
            ("ja", &["ログイン前のハンドシェイク中にエラーが発生しました"], SQLCLIENT_RESX),
            ("ko", &["사전 로그인 핸드셰이크 중에 오류가 발생했습니다"], SQLCLIENT_RESX),
            ("zh-Hans", &["在登录前的握手期间发生错误"], SQLCLIENT_RESX),
            ("zh-Hant", &["在登入前的信號交換時發生錯誤"], SQLCLIENT_RESX),
            ("ru", &["в процессе подтверждения, предшествующего входу"], SQLCLIENT_RESX),
        ],
    },
    // SqlClient SNI_ERROR_31.
    Message {
        rule: Rule::ErrorHandshakeFailed,
        generic: false,
        english: "SqlClient (SNI_ERROR_31): \"Encryption(ssl/tls) handshake failed\"",
        translations: &[
            ("de", &["encryption(ssl/tls)-handshake fehlgeschlagen"], SQLCLIENT_RESX),
            ("fr", &["échec de la prise de contact de chiffrement (ssl/tls)"], SQLCLIENT_RESX),
            ("es", &["error en el protocolo de enlace de cifrado (ssl/tls)"], SQLCLIENT_RESX),
            ("it", &["handshake di crittografia (ssl/tls) non riuscita"], SQLCLIENT_RESX),
            ("pt-BR", &["falha de handshake de criptografia (ssl/tls)"], SQLCLIENT_RESX),
            ("ja", &["暗号化 (ssl/tls) のハンドシェイクに失敗しました"], SQLCLIENT_RESX),
            ("ko", &["암호화(ssl/tls) 핸드셰이크가 실패했습니다"], SQLCLIENT_RESX),
            ("zh-Hans", &["加密(ssl/tls)握手失败"], SQLCLIENT_RESX),
            ("zh-Hant", &["加密 (ssl/tls) 信號交換失敗"], SQLCLIENT_RESX),
            ("ru", &["сбой при согласовании параметров шифрования(ssl/tls)"], SQLCLIENT_RESX),
        ],
    },
    // SqlClient SQL_RemoteCertificateNameMismatch.
    Message {
        rule: Rule::ErrorNameMismatch,
        generic: false,
        english: "Microsoft.Data.SqlClient 5+ (SQL_RemoteCertificateNameMismatch): \"Certificate name mismatch. The provided 'DataSource' or 'HostNameInCertificate' does not match the name in the certificate.\"",
        translations: &[
            ("de", &["die zertifikatsnamen stimmen nicht überein"], SQLCLIENT_RESX),
            ("fr", &["incompatibilité de nom de certificat"], SQLCLIENT_RESX),
            ("es", &["el nombre del certificado no coincide"], SQLCLIENT_RESX),
            ("it", &["nome certificato non corrispondente"], SQLCLIENT_RESX),
            ("pt-BR", &["incompatibilidade de nome do certificado"], SQLCLIENT_RESX),
            ("ja", &["証明書名が一致しません"], SQLCLIENT_RESX),
            ("ko", &["인증서 이름이 일치하지 않습니다"], SQLCLIENT_RESX),
            ("zh-Hans", &["证书名称不匹配"], SQLCLIENT_RESX),
            ("zh-Hant", &["憑證名稱不相符"], SQLCLIENT_RESX),
            ("ru", &["несоответствие имени сертификата"], SQLCLIENT_RESX),
        ],
    },
    // mssql-jdbc R_sslFailed.
    Message {
        rule: Rule::ErrorHandshakeFailed,
        generic: true,
        english: "JDBC (R_sslFailed): \"The driver could not establish a secure connection to SQL Server by using Secure Sockets Layer (SSL) encryption.\"",
        translations: &[
            ("de", &["der treiber konnte keine sichere verbindung mit sql server über die ssl (secure sockets layer)-verschlüsselung herstellen"], JDBC_RESOURCE),
            ("fr", &["n'a pas pu établir de connexion sécurisée au serveur sql server à l'aide du chiffrement ssl"], JDBC_RESOURCE),
            ("es", &["no pudo establecer una conexión segura con sql server con el cifrado de capa de sockets seguros (ssl)"], JDBC_RESOURCE),
            ("it", &["impossibile stabilire una connessione protetta a sql server mediante la crittografia ssl"], JDBC_RESOURCE),
            ("pt-BR", &["não pôde estabelecer uma conexão segura com o sql server usando a criptografia ssl"], JDBC_RESOURCE),
            ("ja", &["暗号化による sql server への安全な接続を確立できませんでした"], JDBC_RESOURCE),
            ("ko", &["암호화를 사용하여 sql sever로 보안 연결을 설정할 수 없습니다"], JDBC_RESOURCE),
            ("zh-CN", &["加密与 sql server 建立安全连接"], JDBC_RESOURCE),
            ("zh-TW", &["加密建立與 sql server 的安全連接"], JDBC_RESOURCE),
            ("ru", &["не удалось установить безопасное соединение с sql server, используя шифрование ssl"], JDBC_RESOURCE),
        ],
    },
    // mssql-jdbc R_certNameFailed.
    Message {
        rule: Rule::ErrorNameMismatch,
        generic: false,
        english: "JDBC (R_certNameFailed): \"Failed to validate the server name in a certificate during Secure Sockets Layer (SSL) initialization.\"",
        translations: &[
            ("de", &["fehler bei der überprüfung des servernamens in einem zertifikat"], JDBC_RESOURCE),
            ("fr", &["échec de la validation du nom de serveur dans un certificat"], JDBC_RESOURCE),
            ("es", &["no se pudo validar el nombre del servidor en un certificado"], JDBC_RESOURCE),
            ("it", &["impossibile convalidare il nome del server in un certificato"], JDBC_RESOURCE),
            ("pt-BR", &["falha ao validar o nome do servidor em um certificado"], JDBC_RESOURCE),
            ("ja", &["証明書内のサーバー名の検証が失敗しました"], JDBC_RESOURCE),
            ("ko", &["인증서의 서버 이름에 대해 유효성 검사를 수행하지 못했습니다"], JDBC_RESOURCE),
            ("zh-CN", &["验证证书中的服务器名称失败"], JDBC_RESOURCE),
            ("zh-TW", &["無法驗證安全通訊端層 (ssl) 初始化期間憑證中的伺服器名稱"], JDBC_RESOURCE),
            ("ru", &["не удалось проверить имя сервера в сертификате"], JDBC_RESOURCE),
        ],
    },
    // mssql-jdbc R_noServerResponse.
    Message {
        rule: Rule::ErrorHandshakeFailed,
        generic: true,
        english: "JDBC (R_noServerResponse): \"SQL Server did not return a response. The connection has been closed.\" — the server closed the connection before its first answer, typically a TLS version or cipher suite it cannot use",
        translations: &[
            ("de", &["sql server hat keine antwort zurückgegeben", "die verbindung wurde geschlossen"], JDBC_RESOURCE),
            ("fr", &["le serveur sql server n'a retourné aucune réponse", "la connexion a été fermée"], JDBC_RESOURCE),
            ("es", &["sql server no devolvió una respuesta", "se ha cerrado la conexión"], JDBC_RESOURCE),
            ("it", &["nessuna risposta restituita da sql server", "la connessione è stata chiusa"], JDBC_RESOURCE),
            ("pt-BR", &["o sql server não retornou uma resposta", "a conexão foi fechada"], JDBC_RESOURCE),
            ("ja", &["sql server が応答を返しませんでした", "接続が閉じられました"], JDBC_RESOURCE),
            ("ko", &["sql server에서 응답을 반환하지 않았습니다", "연결이 닫혔습니다"], JDBC_RESOURCE),
            ("zh-CN", &["sql server 未返回响应", "连接已关闭"], JDBC_RESOURCE),
            ("zh-TW", &["sql server 未傳回回應", "已關閉連接"], JDBC_RESOURCE),
            ("ru", &["sql server не вернул ответ", "соединение было закрыто"], JDBC_RESOURCE),
        ],
    },
];

/// Every row's fragments, folded once, in table order.
fn folded_rows() -> &'static [Vec<String>] {
    static FOLDED: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    FOLDED.get_or_init(|| {
        MESSAGES
            .iter()
            .flat_map(|m| m.translations.iter())
            .map(|(_, fragments, _)| fragments.iter().map(|f| skeleton(f)).collect())
            .collect()
    })
}

/// One translated wording found in a text.
pub(crate) struct LocalizedHit {
    /// The rule.
    pub rule: Rule,
    /// What was recognised: the English wording, the language and its source.
    pub what: String,
    /// A wrapper message (see `Message::generic`).
    pub generic: bool,
}

/// Every translated wording in `skeleton` (a folded text's skeleton).
pub(crate) fn hits(folded_skeleton: &str) -> Vec<LocalizedHit> {
    let mut out = Vec::new();
    let mut rows = folded_rows().iter();
    for m in MESSAGES {
        for (lang, _, source) in m.translations {
            let fragments = rows.next().map_or(&[][..], Vec::as_slice);
            if !fragments.is_empty()
                && fragments
                    .iter()
                    .all(|f| folded_skeleton.contains(f.as_str()))
            {
                out.push(LocalizedHit {
                    rule: m.rule,
                    what: format!("{} — in {lang} ({source})", m.english),
                    generic: m.generic,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row cites its source and says enough to be specific: at least
    /// seven letters (a CJK phrase) across its fragments, none empty.
    #[test]
    fn fragments_are_specific() {
        for m in MESSAGES {
            for (lang, fragments, source) in m.translations {
                assert!(!source.is_empty(), "{lang}: no source");
                let total: usize = fragments.iter().map(|f| skeleton(f).chars().count()).sum();
                assert!(total >= 7, "{lang}: {fragments:?}");
                assert!(fragments.iter().all(|f| !skeleton(f).is_empty()), "{lang}");
            }
        }
    }
}
