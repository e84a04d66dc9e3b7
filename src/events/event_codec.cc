#include "events/event_codec.h"

#include <cstring>
#include <string_view>

namespace esafety::events {
namespace {

// A new field in Event must be added to encodeEvent, decodeEvent,
// kEncodedEventFixedSize and the round-trip test (event_codec_test.cc), then
// this size updated.
static_assert(sizeof(Event) == 1872, "Event changed: update event_codec.{h,cc} and its test");

class Writer {
 public:
  explicit Writer(uint8_t* out) : p_(out), start_(out) {}
  template <typename T>
  void put(const T& v) {
    std::memcpy(p_, &v, sizeof v);
    p_ += sizeof v;
  }
  void putString(std::string_view s) {
    put(static_cast<uint16_t>(s.size()));
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  size_t size() const { return static_cast<size_t>(p_ - start_); }

 private:
  uint8_t* p_;
  uint8_t* start_;
};

class Reader {
 public:
  explicit Reader(std::span<const uint8_t> in) : p_(in.data()), end_(in.data() + in.size()) {}
  template <typename T>
  void get(T& v) {
    if (!need(sizeof v)) return;
    std::memcpy(&v, p_, sizeof v);
    p_ += sizeof v;
  }
  template <size_t N>
  void getString(InlineString<N>& s) {
    uint16_t n = 0;
    get(n);
    if (!need(n)) return;
    s.assign(std::string_view(reinterpret_cast<const char*>(p_), n));
    p_ += n;
  }
  bool done() const { return ok_ && p_ == end_; }

 private:
  bool need(size_t n) {
    if (!ok_ || static_cast<size_t>(end_ - p_) < n) ok_ = false;
    return ok_;
  }
  const uint8_t* p_;
  const uint8_t* end_;
  bool ok_ = true;
};

}  // namespace

size_t encodedEventSize(const Event& e) {
  return kEncodedEventFixedSize + e.device_name.view().size() + e.user_name.view().size() +
         e.group.view().size() + e.method.view().size() + e.url.view().size() +
         e.category.view().size() + e.search_terms.view().size() + e.scores.view().size() +
         e.tags.view().size();
}

size_t encodeEvent(const Event& e, uint8_t* out) {
  Writer w(out);
  w.put(e.reference);
  w.put(e.time_ms);
  w.put(e.school);
  w.put(e.node);
  w.put(e.kind);
  w.put(e.client_ip);
  w.put(e.client_v4);
  w.put(e.device_id);
  w.put(e.user_id);
  w.putString(e.device_name.view());
  w.putString(e.user_name.view());
  w.putString(e.group.view());
  w.putString(e.method.view());
  w.putString(e.url.view());
  w.putString(e.category.view());
  w.putString(e.search_terms.view());
  w.putString(e.scores.view());
  w.putString(e.tags.view());
  w.put(e.verdict);
  w.put(e.step);
  w.put(e.status);
  w.put(e.bytes_in);
  w.put(e.bytes_out);
  w.put(e.duration_us);
  w.put(e.truncated);
  return w.size();
}

bool decodeEvent(std::span<const uint8_t> in, Event& e) {
  Reader r(in);
  r.get(e.reference);
  r.get(e.time_ms);
  r.get(e.school);
  r.get(e.node);
  r.get(e.kind);
  r.get(e.client_ip);
  r.get(e.client_v4);
  r.get(e.device_id);
  r.get(e.user_id);
  r.getString(e.device_name);
  r.getString(e.user_name);
  r.getString(e.group);
  r.getString(e.method);
  r.getString(e.url);
  r.getString(e.category);
  r.getString(e.search_terms);
  r.getString(e.scores);
  r.getString(e.tags);
  r.get(e.verdict);
  r.get(e.step);
  r.get(e.status);
  r.get(e.bytes_in);
  r.get(e.bytes_out);
  r.get(e.duration_us);
  r.get(e.truncated);
  return r.done();
}

}  // namespace esafety::events
