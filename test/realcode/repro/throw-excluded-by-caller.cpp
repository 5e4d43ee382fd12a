// A callee that throws only when the name is already registered, called from the constructor
// on an empty map: the throw (and the leak of the argument it would cause) cannot happen.
// Real code: Poco Foundation/src/URIStreamOpener.cpp:29.
// v2: "memory allocated by 'new' is leaked if 'registerStreamFactory' throws".
#include <map>
#include <stdexcept>
#include <string>
struct StreamFactory { virtual ~StreamFactory() = default; };
struct FileStreamFactory : StreamFactory {};
class Opener {
public:
  Opener() { registerStreamFactory("file", new FileStreamFactory); }
  ~Opener() {
    for (auto &e : m_map) delete e.second;
  }
  void registerStreamFactory(const std::string &scheme, StreamFactory *f) {
    if (m_map.find(scheme) == m_map.end())
      m_map[scheme] = f;
    else
      throw std::runtime_error("already registered: " + scheme);
  }
private:
  std::map<std::string, StreamFactory *> m_map;
};
