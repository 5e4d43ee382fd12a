// RUN: %check_leaklint %s leaklint-unjoined-thread %t -- -std=c++17
// Realistic threaded code that is correct: a worker pool, a server that
// accepts connections, a background logger, a heartbeat, pthread dispatch.
// Nothing here may be reported.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <netinet/in.h>
#include <optional>
#include <pthread.h>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <unordered_map>
#include <vector>

class ThreadPool {
public:
  explicit ThreadPool(size_t n) {
    if (n == 0)
      throw std::invalid_argument("empty pool");
    workers_.reserve(n);
    for (size_t i = 0; i < n; ++i)
      workers_.emplace_back([this] { workerLoop(); });
  }
  ~ThreadPool() {
    {
      std::lock_guard<std::mutex> lk(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto &w : workers_)
      if (w.joinable())
        w.join();
  }
  template <class F> auto submit(F &&f) -> std::future<decltype(f())> {
    using R = decltype(f());
    auto task = std::make_shared<std::packaged_task<R()>>(std::forward<F>(f));
    std::future<R> fut = task->get_future();
    {
      std::lock_guard<std::mutex> lk(mu_);
      if (stopping_)
        throw std::runtime_error("submit on stopped pool");
      queue_.emplace_back([task] { (*task)(); });
    }
    cv_.notify_one();
    return fut;
  }

private:
  void workerLoop() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock<std::mutex> lk(mu_);
        cv_.wait(lk, [this] { return stopping_ || !queue_.empty(); });
        if (stopping_ && queue_.empty())
          return;
        job = std::move(queue_.front());
        queue_.pop_front();
      }
      job();
    }
  }
  std::vector<std::thread> workers_;
  std::deque<std::function<void()>> queue_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
};

// A parallel-for that partitions work and joins everything.
void parallel_for(size_t n, const std::function<void(size_t, size_t)> &body) {
  size_t hw = std::thread::hardware_concurrency();
  if (hw == 0)
    hw = 2;
  size_t chunk = (n + hw - 1) / hw;
  std::vector<std::thread> ts;
  for (size_t b = 0; b < n; b += chunk) {
    size_t e = std::min(n, b + chunk);
    ts.emplace_back([&body, b, e] { body(b, e); });
  }
  for (auto &t : ts)
    t.join();
}

int sum_parallel(const std::vector<int> &v) {
  std::atomic<int> total{0};
  std::thread a([&] { for (size_t i = 0; i < v.size() / 2; ++i) total += v[i]; });
  std::thread b([&] { for (size_t i = v.size() / 2; i < v.size(); ++i) total += v[i]; });
  a.join();
  b.join();
  return total;
}

// Joined through a small RAII helper.
class ThreadGuard {
public:
  explicit ThreadGuard(std::thread &t) : t_(t) {}
  ~ThreadGuard() { if (t_.joinable()) t_.join(); }
  ThreadGuard(const ThreadGuard &) = delete;
private:
  std::thread &t_;
};

void with_guard(bool early) {
  int local = 0;
  std::thread t([&local] { ++local; });
  ThreadGuard g(t);
  if (early)
    return;
  std::printf("%d\n", local);
}

// Exceptions are caught, thread joined, rethrown.
void process_all(std::vector<int> &items) {
  std::thread bg([&items] { for (int &i : items) i *= 2; });
  try {
    if (items.empty())
      throw std::runtime_error("nothing");
  } catch (...) {
    bg.join();
    throw;
  }
  bg.join();
}

std::thread spawn_logger(std::function<void()> f) {
  std::thread t(std::move(f));
  return t;
}

void use_spawned() {
  std::thread t = spawn_logger([] {});
  if (t.joinable())
    t.join();
}

class Connection : public std::enable_shared_from_this<Connection> {
public:
  explicit Connection(int fd) : fd_(fd) {}
  ~Connection() { ::close(fd_); }
  void start() {
    auto self = shared_from_this();
    std::thread([self] { self->serve(); }).detach();
  }
private:
  void serve() {
    char buf[512];
    while (::read(fd_, buf, sizeof buf) > 0) {
    }
  }
  int fd_;
};

class Server {
public:
  explicit Server(int port) : port_(port) {}
  ~Server() { stop(); }
  void start() {
    running_ = true;
    acceptor_ = std::thread(&Server::acceptLoop, this);
  }
  void stop() {
    running_ = false;
    if (acceptor_.joinable())
      acceptor_.join();
    std::lock_guard<std::mutex> lk(mu_);
    for (auto &kv : sessions_)
      if (kv.second.joinable())
        kv.second.join();
    sessions_.clear();
  }
private:
  void acceptLoop() {
    int lfd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (lfd < 0)
      return;
    int id = 0;
    while (running_) {
      int cfd = ::accept(lfd, nullptr, nullptr);
      if (cfd < 0)
        break;
      std::lock_guard<std::mutex> lk(mu_);
      sessions_.emplace(id++, std::thread([this, cfd] { handle(cfd); }));
    }
    ::close(lfd);
  }
  void handle(int fd) { ::close(fd); }
  int port_;
  std::atomic<bool> running_{false};
  std::thread acceptor_;
  std::mutex mu_;
  std::unordered_map<int, std::thread> sessions_;
};

struct Job { int fd; };
static void *job_main(void *p) {
  std::unique_ptr<Job> job(static_cast<Job *>(p));
  ::close(job->fd);
  return nullptr;
}

void dispatch(int fd) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_t tid;
  auto *job = new Job{fd};
  if (pthread_create(&tid, &attr, job_main, job) != 0)
    delete job;
  pthread_attr_destroy(&attr);
}

class Reaper {
public:
  void add(int fd) {
    pthread_t t;
    pthread_create(&t, nullptr, job_main, new Job{fd});
    tids_.push_back(t);
  }
  ~Reaper() {
    for (pthread_t t : tids_)
      pthread_join(t, nullptr);
  }
private:
  std::vector<pthread_t> tids_;
};

class AsyncLogger {
public:
  AsyncLogger() { worker_ = std::thread([this] { run(); }); }
  ~AsyncLogger() {
    {
      std::lock_guard<std::mutex> lk(mu_);
      done_ = true;
    }
    cv_.notify_one();
    worker_.join();
  }
  void log(std::string line) {
    std::lock_guard<std::mutex> lk(mu_);
    q_.push_back(std::move(line));
    cv_.notify_one();
  }
private:
  void run() {
    std::unique_lock<std::mutex> lk(mu_);
    while (!done_ || !q_.empty()) {
      cv_.wait(lk, [this] { return done_ || !q_.empty(); });
      while (!q_.empty()) {
        std::string s = std::move(q_.front());
        q_.pop_front();
        lk.unlock();
        std::fputs(s.c_str(), stderr);
        lk.lock();
      }
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> q_;
  bool done_ = false;
  std::thread worker_;
};

class Heartbeat {
public:
  void start(int period_ms) {
    stop();
    stop_ = false;
    t_ = std::thread([this, period_ms] {
      while (!stop_) std::this_thread::sleep_for(std::chrono::milliseconds(period_ms));
    });
  }
  void stop() {
    stop_ = true;
    if (t_.joinable()) t_.join();
  }
  ~Heartbeat() { stop(); }
private:
  volatile bool stop_ = false;
  std::thread t_;
};

class Watchdog {
public:
  Watchdog() : t_([this] { loop(); }) {}
  ~Watchdog() { shutdown(); }
private:
  void shutdown();
  void loop() {}
  std::thread t_;
};

void Watchdog::shutdown() { t_.detach(); }

int run_with_timeout(int ms) {
  std::optional<int> result;
  std::thread t([&result] { result = 3; });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (!result && std::chrono::steady_clock::now() < deadline)
    std::this_thread::yield();
  t.join();
  return result.value_or(-1);
}

void work();
void process(int);
void presized(int n) {
  std::vector<std::thread> threads(n);
  for (int i = 0; i < n; ++i) threads[i] = std::thread(process, i);
  std::for_each(threads.begin(), threads.end(), [](std::thread &t) { t.join(); });
}
void generated(int n) {
  std::vector<std::thread> ts(n);
  std::generate(ts.begin(), ts.end(), [] { return std::thread(work); });
  for (auto &t : ts) t.join();
}
class LambdaJoin {
public:
  LambdaJoin() : t_(work) {}
  ~LambdaJoin() {
    auto finish = [this] { if (t_.joinable()) t_.join(); };
    finish();
  }
private:
  std::thread t_;
};
class OutOfLine {
public:
  OutOfLine();
  ~OutOfLine();
private:
  std::thread t_;
};
OutOfLine::OutOfLine() { t_ = std::thread(work); }
OutOfLine::~OutOfLine() { if (t_.joinable()) t_.join(); }
class Conditional {
public:
  void start() { running_ = true; t_ = std::thread(work); }
  void stop() { running_ = false; t_.join(); }
  ~Conditional() { if (running_) stop(); }
private:
  bool running_ = false;
  std::thread t_;
};
class Swapper {
public:
  void start() { std::thread t(work); t_.swap(t); }
  ~Swapper() { if (t_.joinable()) t_.join(); }
private:
  std::thread t_;
};
struct Task {
  std::thread th;
  void run() { th = std::thread(work); }
  void wait() { th.join(); }
  ~Task() { if (th.joinable()) th.join(); }
};
void tasks() {
  std::vector<Task> ts(3);
  for (auto &t : ts) t.run();
  for (auto &t : ts) t.wait();
}
std::mutex m;
void guarded_push(std::vector<std::thread> &out) {
  std::lock_guard<std::mutex> g(m);
  out.emplace_back(work);
}
void two_phase(bool parallel) {
  std::vector<std::thread> ts;
  if (parallel)
    for (int i = 0; i < 4; ++i) ts.emplace_back(process, i);
  else
    process(0);
  for (auto &t : ts) t.join();
}
void early_out_pool(int n) {
  std::vector<std::thread> ts;
  for (int i = 0; i < n; ++i) ts.emplace_back(process, i);
  if (n > 100) { for (auto &t : ts) t.detach(); return; }
  for (auto &t : ts) t.join();
}

// Drains written the way real code writes them.
void lanes(int n) {
  std::map<std::string, std::thread> jobs;
  for (int i = 0; i < n; ++i)
    jobs.emplace("lane-" + std::to_string(i), std::thread(process, i));
  for (auto &entry : jobs)
    entry.second.join(); // no warning: every element's thread is joined
}
static void join_all(std::vector<std::thread> &threads) {
  for (auto &t : threads)
    if (t.joinable())
      t.join();
}
void batch(int n) {
  std::vector<std::thread> jobs;
  for (int i = 0; i < n; ++i)
    jobs.emplace_back(process, i);
  join_all(jobs); // no warning: join_all() joins every element
}
static void trim(std::vector<std::thread> &threads) { threads.shrink_to_fit(); }
void batch_forgotten(int n) {
  std::vector<std::thread> jobs;
  for (int i = 0; i < n; ++i)
    jobs.emplace_back(process, i);
  trim(jobs); // joins nothing
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: threads in 'jobs' are still joinable when it goes out of scope on this path; destroying a joinable std::thread calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-4]]:10: note: a thread is added to 'jobs' here
// CHECK-MESSAGES: :[[@LINE-6]]:19: note: assuming 'i < n' is true
// CHECK-MESSAGES: :[[@LINE-7]]:19: note: assuming 'i < n' is false
