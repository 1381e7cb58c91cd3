//! Test support: a minimal SMTP server on 127.0.0.1 that records every message.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Default, Clone)]
pub struct Mail {
    pub rcpt: Vec<String>,
    pub data: String,
}

/// An SMTP sink that refuses recipients whose address starts with `tolak`.
pub async fn smtp_sink() -> (u16, Arc<Mutex<Vec<Mail>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let mails = Arc::new(Mutex::new(Vec::new()));
    let store = mails.clone();
    tokio::spawn(async move {
        loop {
            let Ok((sock, _)) = listener.accept().await else {
                return;
            };
            let store = store.clone();
            tokio::spawn(async move {
                let (r, mut w) = sock.into_split();
                let mut lines = BufReader::new(r).lines();
                w.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                let mut mail = Mail::default();
                while let Ok(Some(line)) = lines.next_line().await {
                    let upper = line.to_uppercase();
                    if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        w.write_all(b"250-sink\r\n250 OK\r\n").await.unwrap();
                    } else if upper.starts_with("MAIL FROM") {
                        mail = Mail::default();
                        w.write_all(b"250 OK\r\n").await.unwrap();
                    } else if upper.starts_with("RCPT TO") {
                        let addr = line[8..].trim().trim_matches(['<', '>']).to_owned();
                        if addr.starts_with("tolak") {
                            w.write_all(b"550 mailbox unavailable\r\n").await.unwrap();
                        } else {
                            mail.rcpt.push(addr);
                            w.write_all(b"250 OK\r\n").await.unwrap();
                        }
                    } else if upper == "DATA" {
                        w.write_all(b"354 go ahead\r\n").await.unwrap();
                        while let Ok(Some(l)) = lines.next_line().await {
                            if l == "." {
                                break;
                            }
                            mail.data.push_str(&l);
                            mail.data.push('\n');
                        }
                        store.lock().unwrap().push(mail.clone());
                        w.write_all(b"250 queued\r\n").await.unwrap();
                    } else if upper == "QUIT" {
                        w.write_all(b"221 bye\r\n").await.unwrap();
                        return;
                    } else if upper == "RSET" {
                        mail = Mail::default();
                        w.write_all(b"250 OK\r\n").await.unwrap();
                    } else {
                        w.write_all(b"250 OK\r\n").await.unwrap();
                    }
                }
            });
        }
    });
    (port, mails)
}
