#include "control/smtp_transport.h"

#include <curl/curl.h>

#include <cstring>
#include <ctime>
#include <memory>
#include <mutex>

#include <fmt/format.h>

namespace esafety::control {
namespace {

constexpr long kConnectTimeoutSeconds = 10;
// A relay may scan a mail before it answers the end of DATA (RFC 5321 lets
// it take minutes); giving up early would send the mail twice.
constexpr long kTransferTimeoutSeconds = 180;
constexpr long kLowSpeedSeconds = 120;

std::string base64(std::string_view in) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out += kDigits[(v >> shift) & 63];
  }
  if (i + 1 == in.size()) {
    uint32_t v = uint8_t(in[i]) << 16;
    out += kDigits[(v >> 18) & 63];
    out += kDigits[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += kDigits[(v >> 18) & 63];
    out += kDigits[(v >> 12) & 63];
    out += kDigits[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

bool isAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

std::string headerText(std::string_view text) {
  return isAscii(text) ? std::string(text) : fmt::format("=?UTF-8?B?{}?=", base64(text));
}

std::string crlfLines(std::string_view body) {
  std::string out;
  out.reserve(body.size() + body.size() / 40);
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\r') continue;
    if (body[i] == '\n') out += "\r\n";
    else out += body[i];
  }
  if (!out.ends_with("\r\n")) out += "\r\n";
  return out;
}

std::string rfc5322Date(int64_t now_unix) {
  std::time_t t = static_cast<std::time_t>(now_unix);
  std::tm utc{};
  gmtime_r(&t, &utc);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return fmt::format("{}, {:02d} {} {} {:02d}:{:02d}:{:02d} +0000", kDays[utc.tm_wday], utc.tm_mday,
                     kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

struct Upload {
  std::string data;
  size_t sent = 0;
  const std::atomic<bool>* aborted = nullptr;
};

size_t readUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  size_t n = std::min(size * count, up->data.size() - up->sent);
  std::memcpy(buffer, up->data.data() + up->sent, n);
  up->sent += n;
  return n;
}

int progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<Upload*>(user)->aborted->load() ? 1 : 0;
}

std::string relayUrl(const MailSettings& s) {
  const bool v6 = s.smtp_host.find(':') != std::string::npos;
  const std::string host = v6 ? fmt::format("[{}]", s.smtp_host) : s.smtp_host;
  const char* scheme = s.security == SmtpSecurity::kImplicitTls ? "smtps" : "smtp";
  // The path is the name we greet the relay with (EHLO).
  return fmt::format("{}://{}:{}/esafety", scheme, host, s.port());
}

Status unavailable(std::string message) {
  return {StatusCode::kUnavailable, std::move(message)};
}

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

std::string formatMailMessage(const MailSettings& settings, const store::OutboxMail& mail,
                              int64_t now_unix) {
  std::string to;
  for (const auto& r : mail.recipients) to += fmt::format("{}{}", to.empty() ? "" : ", ", r);
  const std::string_view domain = std::string_view(settings.from).substr(settings.from.find('@') + 1);
  std::string message;
  message += fmt::format("Date: {}\r\n", rfc5322Date(now_unix));
  message += fmt::format("From: {} <{}>\r\n", headerText(fmt::format("esafety ({})", settings.school_name)),
                         settings.from);
  message += fmt::format("To: {}\r\n", to);
  message += fmt::format("Subject: {}\r\n", headerText(mail.subject));
  message += fmt::format("Message-ID: <esafety.{}.{}.{}@{}>\r\n", mail.school, mail.id,
                         mail.created_at, domain);
  message += "MIME-Version: 1.0\r\n";
  message += "Content-Type: text/plain; charset=utf-8\r\n";
  message += "Content-Transfer-Encoding: 8bit\r\n";
  message += "Auto-Submitted: auto-generated\r\n\r\n";
  message += crlfLines(mail.body);
  return message;
}

CurlSmtpTransport::CurlSmtpTransport() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Status CurlSmtpTransport::send(const MailSettings& settings, const store::OutboxMail& mail,
                               int64_t now_unix) {
  ESAFETY_RETURN_IF_ERROR(settings.readyToSend());
  if (aborted_.load()) return unavailable("esafety is stopping; the mail is sent when it starts again");
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) return internalError("libcurl could not start");
  std::unique_ptr<curl_slist, CurlFree> rcpt;
  for (const auto& r : mail.recipients) {
    curl_slist* grown = curl_slist_append(rcpt.get(), fmt::format("<{}>", r).c_str());
    if (grown == nullptr) return internalError("out of memory");
    (void)rcpt.release();
    rcpt.reset(grown);
  }
  Upload upload{formatMailMessage(settings, mail, now_unix), 0, &aborted_};
  char error[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  const std::string url = relayUrl(settings);
  const std::string from = fmt::format("<{}>", settings.from);
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, readUpload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(upload.data.size()));
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_PROXY, "");  // never an http_proxy from the environment
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, kConnectTimeoutSeconds);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, kTransferTimeoutSeconds);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, kLowSpeedSeconds);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &upload);
  if (settings.security == SmtpSecurity::kStartTls) curl_easy_setopt(c, CURLOPT_USE_SSL, CURLUSESSL_ALL);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!settings.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, settings.ca_file.c_str());
  if (!settings.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, settings.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, settings.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) return Status::ok();
  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  std::string why = error[0] != '\0' ? fmt::format("{}: {}", curl_easy_strerror(rc), error)
                                     : std::string(curl_easy_strerror(rc));
  if (rc == CURLE_ABORTED_BY_CALLBACK) why = "esafety stopped while sending it";
  if (reply >= 400) why += fmt::format(" (the relay said {})", reply);
  return unavailable(fmt::format("{} via {}:{}", why, settings.smtp_host, settings.port()));
}

}  // namespace esafety::control
