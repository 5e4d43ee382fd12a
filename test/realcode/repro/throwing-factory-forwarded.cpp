// A factory that throws instead of returning null, called in a 'return': when the callee
// throws, it has returned nothing, so nothing is owned and nothing leaks. The engine takes the
// call for an acquisition followed by a throw.
// Real code: Poco FileStreamFactory::open(const URI &) -> open(const Path &), and
// ProcessImpl::launchImpl -> launchByForkExecImpl.
// Baseline: "memory allocated by 'open' is leaked if 'open' throws".
#include <fstream>
#include <stdexcept>
#include <string>
struct Factory {
  std::istream *open(const std::string &path) {
    std::ifstream *s = new std::ifstream(path);
    if (!s->good()) {
      delete s;
      throw std::runtime_error("cannot open " + path);
    }
    return s;
  }
  std::istream *openRelative(const std::string &uri) {
    std::string path = uri.substr(0, 2) == "./" ? uri.substr(2) : uri;
    return open(path);
  }
};
