// A thread pool that starts detached workers capturing 'this' and whose destructor waits, on a
// condition variable, until every worker has left: the pool cannot die while a worker runs.
// The check does not look at how the destructor waits for detached threads.
// Real code: ZNC src/Threads.cpp CThreadPool::startWorkers() / ~CThreadPool().
// Baseline: "detached thread captures 'this'; the object may be destroyed while the thread
// still runs".
#include <condition_variable>
#include <mutex>
#include <thread>
class ThreadPool {
  std::mutex mutex_;
  std::condition_variable cond_, exit_cond_;
  int num_threads_ = 0;
  bool done_ = false;
  void threadFunc() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!done_) cond_.wait(lock);
    --num_threads_;
    exit_cond_.notify_one();
  }
public:
  void startWorker() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++num_threads_;
    std::thread([this]() { threadFunc(); }).detach();
  }
  ~ThreadPool() {
    std::unique_lock<std::mutex> lock(mutex_);
    done_ = true;
    while (num_threads_ > 0) {
      cond_.notify_all();
      exit_cond_.wait(lock);
    }
  }
};
