// A registration function that takes ownership of its argument at once (in a unique_ptr) and
// lets it delete the object if it throws: `reg.add("x", new T)` cannot leak when `add` throws.
// Real code: Poco Foundation/src/LoggingFactory.cpp:87-117 (DynamicFactory::registerClass).
// v2: "memory allocated by 'new' is leaked if 'registerClass' throws".
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
struct Factory { virtual ~Factory() = default; };
template <class Base> class Registry {
public:
  void registerClass(const std::string &name, Factory *f) {
    std::lock_guard<std::mutex> lock(m_mutex);
    std::unique_ptr<Factory> ptr(f);
    if (m_map.find(name) != m_map.end())
      throw std::runtime_error(name);
    m_map[name] = ptr.release();
  }
private:
  std::mutex m_mutex;
  std::map<std::string, Factory *> m_map;
};
struct Channel {};
Registry<Channel> channels;
void registerBuiltins() { channels.registerClass("console", new Factory); }
