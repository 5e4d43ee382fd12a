// RUN: %check_leaklint %s leaklint-lambda-capture %t -- -std=c++17
//
// A realistic callback-heavy program (an event bus, a timer queue, signals and
// slots): every finding and every silence of the check on it.
// A small callback-heavy application: an event bus, a timer queue and a
// signal/slot toolkit, and the code that wires them together; then a render
// engine with a thread pool, scope guards and a factory registry.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <queue>
#include <string>
#include <typeindex>
#include <unordered_map>
#include <utility>
#include <vector>

#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>
// ---------------------------------------------------------------- event bus
class EventBus {
public:
  using Token = std::uint64_t;

  template <typename Event> Token subscribe(std::function<void(const Event &)> handler) {
    Token t = next_++;
    auto &list = handlers_[std::type_index(typeid(Event))];
    list.emplace_back(t, [h = std::move(handler)](const void *e) {
      h(*static_cast<const Event *>(e));
    });
    return t;
  }

  template <typename Event> void publish(const Event &e) {
    auto it = handlers_.find(std::type_index(typeid(Event)));
    if (it == handlers_.end())
      return;
    for (auto &entry : it->second)
      entry.second(&e);
  }

  void unsubscribe(Token t) {
    for (auto &[type, list] : handlers_)
      list.erase(std::remove_if(list.begin(), list.end(),
                                [t](const auto &entry) { return entry.first == t; }),
                 list.end());
  }

private:
  Token next_ = 1;
  std::unordered_map<std::type_index, std::vector<std::pair<Token, std::function<void(const void *)>>>>
      handlers_;
};

// -------------------------------------------------------------- timer queue
class TimerQueue {
public:
  using Clock = std::chrono::steady_clock;

  void callAfter(std::chrono::milliseconds delay, std::function<void()> fn) {
    timers_.push(Timer{Clock::now() + delay, seq_++, std::move(fn)});
  }

  void runDue() {
    while (!timers_.empty() && timers_.top().when <= Clock::now()) {
      Timer t = timers_.top();
      timers_.pop();
      t.fn();
    }
  }

private:
  struct Timer {
    Clock::time_point when;
    std::uint64_t seq;
    std::function<void()> fn;
    bool operator>(const Timer &o) const { return when > o.when || (when == o.when && seq > o.seq); }
  };
  std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> timers_;
  std::uint64_t seq_ = 0;
};

// --------------------------------------------------------------- signals
template <typename... Args> class Signal {
public:
  using Slot = std::function<void(Args...)>;
  int connect(Slot s) {
    slots_.emplace(++last_, std::move(s));
    return last_;
  }
  void disconnect(int id) { slots_.erase(id); }
  void emit(Args... args) const {
    for (const auto &[id, slot] : slots_)
      slot(args...);
  }

private:
  std::map<int, Slot> slots_;
  int last_ = 0;
};

struct Button {
  std::string label;
  Signal<> clicked;
};

struct TextField {
  std::string text;
  Signal<const std::string &> changed;
};

// ------------------------------------------------------------ application
struct Settings {
  std::string theme;
  std::string fontFamily;
  std::vector<std::string> recentFiles;
  std::map<std::string, std::string> keyBindings;
  int fontSize = 12;
};

struct Document {
  std::string path;
  std::vector<std::string> lines;
  bool dirty = false;
};

struct Saved {
  std::string path;
};
struct Closed {
  std::string path;
};

struct Stats {
  std::uint64_t counters[64]; // 512 bytes, trivially copyable
};

void log(const std::string &msg);
void render(const std::vector<std::string> &lines);
void applyTheme(const std::string &theme, int size);
bool confirm(const std::string &question);
std::string readFile(const std::string &path);
void upload(const Stats &s);

class MainWindow {
public:
  MainWindow(EventBus &bus, TimerQueue &timers, Settings settings)
      : bus_(bus), timers_(timers), settings_(std::move(settings)) {
    // Wiring that keeps copies alive for the window's lifetime.
    saveButton_.clicked.connect([this] { save(); });
    themeButton_.clicked.connect([settings = settings_] { applyTheme(settings.theme, settings.fontSize); });
    // CHECK-FIXES:    themeButton_.clicked.connect([settings = settings_] { applyTheme(settings.theme, settings.fontSize); });
    // CHECK-MESSAGES: :[[@LINE-2]]:35: warning: lambda stored in data member 'slots_' keeps a copy of 'settings' (type 'Settings', 144 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:26: note: the lambda is passed to 'Signal::connect' here
    // CHECK-MESSAGES: :[[@LINE-67]]:12: note: the lambda is stored in data member 'slots_' here
    search_.changed.connect([bindings = settings_.keyBindings](const std::string &q) {
    // CHECK-FIXES:    search_.changed.connect([bindings = settings_.keyBindings](const std::string &q) {
    // CHECK-MESSAGES: :[[@LINE-2]]:30: warning: lambda stored in data member 'slots_' keeps a copy of 'bindings' (type 'std::map<std::string, std::string>', 48 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:21: note: the lambda is passed to 'Signal::connect' here
    // CHECK-MESSAGES: :[[@LINE-72]]:12: note: the lambda is stored in data member 'slots_' here
      if (bindings.count(q))
        log("binding: " + q);
    });
    savedToken_ = bus_.subscribe<Saved>([this](const Saved &e) { log("saved " + e.path); });
  }

  void open(const std::string &path) {
    Document doc;
    doc.path = path;
    doc.lines.push_back(readFile(path));
    std::for_each(doc.lines.begin(), doc.lines.end(), [doc](const std::string &l) {
      if (l.empty())
        log(doc.path + ": empty line");
    });
    // Re-render whenever the document is saved: keeps a full copy of it.
    bus_.subscribe<Saved>([doc](const Saved &e) {
    // CHECK-FIXES:    bus_.subscribe<Saved>([doc](const Saved &e) {
    // CHECK-MESSAGES: :[[@LINE-2]]:28: warning: lambda stored in data member 'handlers_' keeps a copy of 'doc' (type 'Document', 64 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:10: note: the lambda is passed to 'EventBus::subscribe' here
    // CHECK-MESSAGES: :[[@LINE-152]]:10: note: the lambda is stored in data member 'handlers_' here
      if (e.path == doc.path)
        render(doc.lines);
    });
    auto shared = std::make_shared<Document>(std::move(doc));
    bus_.subscribe<Closed>([shared](const Closed &e) {
      if (e.path == shared->path)
        log("closed");
    });
    docs_.push_back(shared);
  }

  // The timer queue runs each callback once, after its delay, and drops it
  // (runDue() pops the timer before running it): the copies live until then,
  // not as long as the queue. No warning; Strictness 'strict' reports them.
  void autosaveLater(std::vector<std::string> snapshot, std::string path) {
    timers_.callAfter(std::chrono::seconds(30), [snapshot, path] {
      log("autosave " + path + " (" + std::to_string(snapshot.size()) + " lines)");
    });
  }

  void reportLater(Stats stats) {
    timers_.callAfter(std::chrono::seconds(5), [=] { upload(stats); });
  }

  void confirmClose(const Document &doc) {
    // A short-lived dialog: its signal dies with it (no warning).
    Button yes;
    yes.clicked.connect([doc] { log("closing " + doc.path); });
    if (confirm("Close " + doc.path + "?"))
      yes.clicked.emit();
  }

  void recentMenu() {
    for (const std::string &file : settings_.recentFiles) {
      auto item = std::make_unique<Button>();
      item->label = file;
      // Debatable: the menu item needs its file name; the copy is the item's
      // state, not a leak. Reported because strings own heap data.
      item->clicked.connect([file, this] { open(file); });
      // CHECK-FIXES:      item->clicked.connect([file, this] { open(file); });
      // CHECK-MESSAGES: :[[@LINE-2]]:30: warning: lambda stored in data member 'menu_' keeps a copy of 'file' (type 'std::string', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
      // CHECK-MESSAGES: :[[@LINE-3]]:21: note: the lambda is passed to 'Signal::connect' here
      // CHECK-MESSAGES: :[[@LINE-135]]:12: note: the lambda is stored in data member 'slots_' here
      // CHECK-MESSAGES: :[[@LINE-5]]:21: note: the lambda is kept by local 'item' here
      // CHECK-MESSAGES: :[[@LINE+1]]:13: note: the lambda is stored in data member 'menu_' here
      menu_.push_back(std::move(item));
    }
  }

  void logLater(std::string message) {
    timers_.callAfter(std::chrono::milliseconds(1), [message] { log(message); }); // no warning
  }

  void filterLines(const Document &doc, const std::string &needle) {
    std::vector<std::string> hits;
    std::copy_if(doc.lines.begin(), doc.lines.end(), std::back_inserter(hits),
                 [needle](const std::string &l) { return l.find(needle) != std::string::npos; });
    [hits] { render(hits); }();
  }

  std::function<void()> makePrinter(Document doc) {
    return [doc] { render(doc.lines); };
  }

private:
  void save() { bus_.publish(Saved{"x"}); }

  EventBus &bus_;
  TimerQueue &timers_;
  Settings settings_;
  Button saveButton_, themeButton_;
  TextField search_;
  EventBus::Token savedToken_ = 0;
  std::vector<std::shared_ptr<Document>> docs_;
  std::vector<std::unique_ptr<Button>> menu_;
};

static std::vector<std::function<void()>> g_atExit;

void registerCleanup(std::string tempDir) {
  g_atExit.push_back([tempDir] { log("removing " + tempDir); });
  // CHECK-FIXES:  g_atExit.push_back([tempDir = std::move(tempDir)] { log("removing " + tempDir); });
  // CHECK-MESSAGES: :[[@LINE-2]]:23: warning: lambda stored in global 'g_atExit' keeps a copy of 'tempDir' (type 'std::string', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: the lambda is stored in global 'g_atExit' here
}

int main() {
  EventBus bus;
  TimerQueue timers;
  Settings s;
  s.theme = "dark";
  MainWindow w(bus, timers, s);
  // Missed: a local bus in main() lives as long as the program, but a local
  // is assumed to be short-lived.
  bus.subscribe<Closed>([s](const Closed &) { log(s.theme); });
  w.open("a.txt");
  timers.runDue();
}

// ------------------------------------------------------------ engine
class ThreadPool {
public:
  explicit ThreadPool(unsigned n) {
    for (unsigned i = 0; i < n; ++i)
      workers_.emplace_back([this] { loop(); });
  }
  ~ThreadPool() {
    {
      std::lock_guard<std::mutex> l(m_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto &t : workers_)
      t.join();
  }
  template <typename F> auto submit(F f) -> std::future<decltype(f())> {
    auto task = std::make_shared<std::packaged_task<decltype(f())()>>(std::move(f));
    auto fut = task->get_future();
    {
      std::lock_guard<std::mutex> l(m_);
      tasks_.emplace([task] { (*task)(); });
    }
    cv_.notify_one();
    return fut;
  }

private:
  void loop() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock<std::mutex> l(m_);
        cv_.wait(l, [this] { return stop_ || !tasks_.empty(); });
        if (stop_ && tasks_.empty())
          return;
        job = std::move(tasks_.front());
        tasks_.pop();
      }
      job();
    }
  }
  std::vector<std::thread> workers_;
  std::queue<std::function<void()>> tasks_;
  std::mutex m_;
  std::condition_variable cv_;
  bool stop_ = false;
};

struct Mesh {
  std::vector<float> vertices;
  std::vector<unsigned> indices;
  std::string name;
};

class ScopeGuard {
public:
  explicit ScopeGuard(std::function<void()> f) : f_(std::move(f)) {}
  ~ScopeGuard() { f_(); }

private:
  std::function<void()> f_;
};

using Factory = std::function<std::unique_ptr<Mesh>()>;
std::unordered_map<std::string, Factory> &factories() {
  static std::unordered_map<std::string, Factory> f;
  return f;
}
bool registerFactory(const std::string &name, Factory f) {
  factories()[name] = std::move(f);
  return true;
}

void drawMesh(const Mesh &);
Mesh loadMesh(const std::string &);

class Renderer {
public:
  void loadAsync(ThreadPool &pool, std::string path) {
    // No warning: the pool runs the task once and drops it.
    auto fut = pool.submit([path] { return loadMesh(path); });
    meshes_.push_back(fut.get());
  }

  void sortByName(std::vector<Mesh> &meshes, std::map<std::string, int> priority) {
    // No warning: an algorithm's comparator.
    std::sort(meshes.begin(), meshes.end(), [priority](const Mesh &a, const Mesh &b) {
      return priority.at(a.name) < priority.at(b.name);
    });
  }

  void drawAll() {
    std::vector<std::function<void()>> batch;
    for (const Mesh &m : meshes_)
      batch.push_back([m] { drawMesh(m); }); // no warning: a local batch
    for (auto &b : batch)
      b();
  }

  void withCleanup(Mesh temp) {
    ScopeGuard g([temp] { drawMesh(temp); }); // no warning: a local guard
    drawMesh(temp);
  }

  void once(Mesh m) {
    std::call_once(flag_, [m] { drawMesh(m); }); // no warning: called, not kept
  }

  void asyncDraw(Mesh m) {
    auto f = std::async(std::launch::async, [m] { drawMesh(m); }); // no warning
    f.wait();
  }

  void registerPrototype(Mesh proto) {
    // A prototype kept by a static registry; no fix: 'proto.name' is read in
    // the same call.
    registerFactory(proto.name, [proto] { return std::make_unique<Mesh>(proto); });
    // CHECK-FIXES:    registerFactory(proto.name, [proto] { return std::make_unique<Mesh>(proto); });
    // CHECK-MESSAGES: :[[@LINE-2]]:34: warning: lambda stored in static local 'f' keeps a copy of 'proto' (type 'Mesh', 80 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the lambda is passed to 'registerFactory' here
    // CHECK-MESSAGES: :[[@LINE-51]]:3: note: the lambda is stored in static local 'f' here
  }

  void onResize(Mesh overlay) {
    resizeHandlers_.push_back([overlay] { drawMesh(overlay); });
    // CHECK-FIXES:    resizeHandlers_.push_back([overlay = std::move(overlay)] { drawMesh(overlay); });
    // CHECK-MESSAGES: :[[@LINE-2]]:32: warning: lambda stored in data member 'resizeHandlers_' keeps a copy of 'overlay' (type 'Mesh', 80 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:21: note: the lambda is stored in data member 'resizeHandlers_' here
  }

private:
  std::vector<Mesh> meshes_;
  std::once_flag flag_;
  std::vector<std::function<void()>> resizeHandlers_;
};

// ------------------------------------------------- validators (CLI11's shape)
// A callback whose copy is what it is: a getter returning the description
// it holds, a wrapper calling the function it holds (testing it first,
// handing it on to the call that applies it). Copying is the point; no
// warning. Data the callback only uses is still reported.
std::string search(const std::map<std::string, int> &m, std::string &v,
                   const std::function<std::string(std::string)> &filter);
class Validator {
public:
  explicit Validator(std::string desc) : desc_([desc] { return desc; }) {}
  Validator &transform(const std::function<std::string(std::string)> &func) {
    func_ = [func](std::string &v) {
      v = func(v);
      return std::string{};
    };
    return *this;
  }
  Validator &lookup(std::map<std::string, int> mapping,
                    std::function<std::string(std::string)> filter) {
    desc_ = [mapping] { return std::to_string(mapping.size()) + " values"; };
    // CHECK-FIXES:    desc_ = [mapping = std::move(mapping)] { return std::to_string(mapping.size()) + " values"; };
    // CHECK-MESSAGES: :[[@LINE-2]]:14: warning: lambda stored in data member 'desc_' keeps a copy of 'mapping' (type 'std::map<std::string, int>', 48 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the lambda is stored in data member 'desc_' here
    func_ = [filter](std::string &v) {
      if (filter)
        v = filter(v);
      return search({}, v, filter);
    };
    return *this;
  }

private:
  std::function<std::string()> desc_;
  std::function<std::string(std::string &)> func_;
};
