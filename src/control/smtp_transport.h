// MailTransport: the seam between the mail sender and the network. The
// sender hands it a mail and the school's MailSettings; it answers OK when
// the relay accepted the mail (its "250" to the end of DATA), or an error in
// words a person can act on ("Couldn't connect to server: Failed to connect
// to 127.0.0.1 port 2525 ... Connection refused"). Tests of the sender use
// a fake; CurlSmtpTransport is the real one.
//
// CurlSmtpTransport speaks SMTP with libcurl: STARTTLS required
// (CURLOPT_USE_SSL = CURLUSESSL_ALL, the connection fails rather than send
// in the clear), implicit TLS (smtps://), or plain only for a loopback relay
// (MailSettings refuses anything else); the relay's certificate is verified
// against the system's CAs or mail.ca_file. Timeouts: 10 s to connect, 180 s
// for the whole mail, and it gives up when nothing moves for 120 s (a relay
// may scan a mail before its answer to DATA; giving up sooner would send it
// twice). abort() ends a transfer in flight within about a second.
//
// Thread safety: send() from one thread at a time (the sender's); abort()
// from any thread. formatMailMessage() is a pure function.
//
//   CurlSmtpTransport transport;
//   Status sent = transport.send(settings, mail, clock.nowUnix());
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "control/mail_settings.h"
#include "core/status.h"
#include "store/mail_store.h"

namespace esafety::control {

class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Sends `mail` through the relay `settings` name; `now_unix` dates it.
  virtual Status send(const MailSettings& settings, const store::OutboxMail& mail,
                      int64_t now_unix) = 0;
};

// The mail as it goes on the wire (RFC 5322, CRLF line ends): Date, From,
// To, Subject (RFC 2047 encoded when not ASCII), Message-ID (from the outbox
// id, so a resend is recognisably the same mail), MIME headers for UTF-8
// plain text, a blank line and the body.
std::string formatMailMessage(const MailSettings& settings, const store::OutboxMail& mail,
                              int64_t now_unix);

class CurlSmtpTransport final : public MailTransport {
 public:
  CurlSmtpTransport();
  Status send(const MailSettings& settings, const store::OutboxMail& mail,
              int64_t now_unix) override;
  // Makes a send() in flight fail soon ("stopped"); later sends fail at once.
  void abort() { aborted_.store(true); }

 private:
  std::atomic<bool> aborted_{false};
};

}  // namespace esafety::control
