// A fixed pool of worker threads running queued tasks in submission order (first come, first
// served). Used by the sweep runner (one task per case; results go to a single writer thread) and
// by sweep validation. A task that throws does not stop the pool: the first exception is kept and
// rethrown by wait().
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace dcsim::app {

class ThreadPool {
 public:
  explicit ThreadPool(unsigned threads) {
    threads = std::max(1u, threads);
    workers_.reserve(threads);
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }
  ~ThreadPool() {
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
    }
    task_ready_.notify_all();
    for (auto& t : workers_) t.join();
  }
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  unsigned size() const { return static_cast<unsigned>(workers_.size()); }

  void submit(std::function<void()> task) {
    {
      std::lock_guard lock(mutex_);
      tasks_.push_back(std::move(task));
    }
    task_ready_.notify_one();
  }

  // Blocks until every submitted task has run; rethrows the first exception a task threw.
  void wait() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return tasks_.empty() && running_ == 0; });
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

 private:
  void work() {
    std::unique_lock lock(mutex_);
    while (true) {
      task_ready_.wait(lock, [this] { return closing_ || !tasks_.empty(); });
      if (tasks_.empty()) return;  // closing and drained
      std::function<void()> task = std::move(tasks_.front());
      tasks_.pop_front();
      ++running_;
      lock.unlock();
      try {
        task();
      } catch (...) {
        std::lock_guard g(mutex_);
        if (!error_) error_ = std::current_exception();
      }
      lock.lock();
      --running_;
      if (tasks_.empty() && running_ == 0) idle_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable task_ready_, idle_;
  std::deque<std::function<void()>> tasks_;
  std::vector<std::thread> workers_;
  std::size_t running_ = 0;
  bool closing_ = false;
  std::exception_ptr error_;
};

}  // namespace dcsim::app
