// A chain of stages linked by a base-class `next` shared_ptr that ends in a stage of a derived
// class, which nobody gives a next stage: a list, not a cycle. The derived class "holds" its
// base's `next` only in the type graph.
// Real code: cpprest Release/include/cpprest/http_msg.h:1628 (http_pipeline_stage::m_next_stage).
// v2: "'Stage::m_next' closes a shared_ptr ownership cycle: 'Sender' and 'Stage' keep each other alive".
#include <memory>
#include <vector>
struct Stage {
  virtual ~Stage() = default;
  void set_next(const std::shared_ptr<Stage> &n) { m_next = n; }
  std::shared_ptr<Stage> m_next;
};
struct Sender : Stage {};
struct Pipeline {
  explicit Pipeline(std::shared_ptr<Sender> last) : m_last(std::move(last)) {}
  void append(const std::shared_ptr<Stage> &s) {
    if (!m_stages.empty()) m_stages.back()->set_next(s);
    s->set_next(m_last);
    m_stages.push_back(s);
  }
  std::shared_ptr<Sender> m_last;
  std::vector<std::shared_ptr<Stage>> m_stages;
};
Pipeline make() { return Pipeline(std::make_shared<Sender>()); }
