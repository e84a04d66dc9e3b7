#include "event_log/sqlite_event_rows.h"

#include "events/event_host.h"

namespace esafety::events {

std::string insertEventsSql(size_t rows) {
  std::string sql =
      "INSERT INTO events (school_id, reference, time_ms, node, kind, client_ip, device_id, "
      "device_name,"
      " user_id, user_name, group_name, method, url, host, host_rev, category, search_terms,"
      " verdict, step, status, bytes_in, bytes_out, duration_us, truncated, scores, tags) VALUES ";
  // Plain "?" parameters, numbered by position: SQLite looks "?NNN" names up
  // in a list, which costs quadratic time in a statement this long.
  for (size_t row = 0; row < rows; ++row) {
    sql += row == 0 ? "(?" : ", (?";
    for (int column = 1; column < kEventInsertColumns; ++column) sql += ", ?";
    sql += ")";
  }
  return sql;
}

const char* const kEventColumns =
    "id, school_id, reference, time_ms, node, kind, client_ip, device_id, device_name, user_id, "
    "user_name,"
    " group_name, method, url, category, search_terms, verdict, step, status, bytes_in,"
    " bytes_out, duration_us, truncated, scores, tags";

namespace {

int64_t asInt64(uint64_t v) {
  return v > INT64_MAX ? INT64_MAX : static_cast<int64_t>(v);
}

// Event::clientIpText() without inet_ntop's printf for the common IPv4 case.
void clientIpInto(const Event& e, std::string& out) {
  if (!e.client_v4) {
    out = e.clientIpText();
    return;
  }
  char buffer[16];
  char* p = buffer;
  for (int i = 0; i < 4; ++i) {
    unsigned v = e.client_ip[i];
    if (v >= 100) *p++ = static_cast<char>('0' + v / 100);
    if (v >= 10) *p++ = static_cast<char>('0' + v / 10 % 10);
    *p++ = static_cast<char>('0' + v % 10);
    if (i < 3) *p++ = '.';
  }
  out.assign(buffer, p);
}

policy::StepId stepFromName(std::string_view name) {
  for (const auto& step : policy::decisionSteps()) {
    if (step.name == name) return step.id;
  }
  for (const auto& step : policy::inspectionSteps()) {
    if (step.name == name) return step.id;
  }
  return policy::StepId::kDefault;
}

}  // namespace

void bindEvent(sqlite::Statement& insert, int row, const Event& e,
               EventRowText& text) {
  const int at = row * kEventInsertColumns;
  clientIpInto(e, text.client_ip);
  hostOfUrlInto(e.url.view(), text.host);
  reversedHostInto(text.host, text.host_rev);
  insert.bind(at + 1, e.school)
      .bind(at + 2, static_cast<int64_t>(e.reference))  // bit for bit; read back the same
      .bind(at + 3, e.time_ms)
      .bind(at + 4, int64_t{e.node})
      .bindStatic(at + 5, eventKindName(e.kind))
      .bindStatic(at + 6, text.client_ip)
      .bind(at + 7, e.device_id)
      .bindStatic(at + 8, e.device_name.view())
      .bind(at + 9, e.user_id)
      .bindStatic(at + 10, e.user_name.view())
      .bindStatic(at + 11, e.group.view())
      .bindStatic(at + 12, e.method.view())
      .bindStatic(at + 13, e.url.view())
      .bindStatic(at + 14, text.host)
      .bindStatic(at + 15, text.host_rev)
      .bindStatic(at + 16, e.category.view())
      .bindStatic(at + 17, e.search_terms.view())
      .bindStatic(at + 18, policy::verdictName(e.verdict))
      .bindStatic(at + 19, policy::stepInfo(e.step).name)
      .bind(at + 20, int64_t{e.status})
      .bind(at + 21, asInt64(e.bytes_in))
      .bind(at + 22, asInt64(e.bytes_out))
      .bind(at + 23, int64_t{e.duration_us})
      .bind(at + 24, int64_t{e.truncated ? 1 : 0})
      .bindStatic(at + 25, e.scores.view())
      .bindStatic(at + 26, e.tags.view());
}

StoredEvent readEvent(const sqlite::Statement& row) {
  StoredEvent out;
  Event& e = out.event;
  out.id = row.int64At(0);
  e.school = row.int64At(1);
  e.reference = static_cast<uint64_t>(row.int64At(2));
  e.time_ms = row.int64At(3);
  e.node = static_cast<uint32_t>(row.int64At(4));
  if (!parseEventKind(row.textAt(5), &e.kind)) e.kind = EventKind::kHttp;
  e.setClientIp(row.textAt(6));
  e.device_id = row.int64At(7);
  bool whole = e.device_name.assign(row.textAt(8));
  e.user_id = row.int64At(9);
  whole &= e.user_name.assign(row.textAt(10));
  whole &= e.group.assign(row.textAt(11));
  whole &= e.method.assign(row.textAt(12));
  whole &= e.url.assign(row.textAt(13));
  whole &= e.category.assign(row.textAt(14));
  whole &= e.search_terms.assign(row.textAt(15));
  if (!parseVerdict(row.textAt(16), &e.verdict)) e.verdict = policy::Verdict::kAllow;
  e.step = stepFromName(row.textAt(17));
  e.status = static_cast<uint16_t>(row.int64At(18));
  e.bytes_in = static_cast<uint64_t>(row.int64At(19));
  e.bytes_out = static_cast<uint64_t>(row.int64At(20));
  e.duration_us = static_cast<uint32_t>(row.int64At(21));
  whole &= e.scores.assign(row.textAt(23));
  whole &= e.tags.assign(row.textAt(24));
  e.truncated = row.int64At(22) != 0 || !whole;
  return out;
}

}  // namespace esafety::events
