#pragma once
#include <functional>
#include <vector>

class EventBus {
public:
  void subscribe(std::function<void()> handler) {
    handlers_.push_back(std::move(handler));
  }
  void publish() const {
    for (const auto &handler : handlers_)
      handler();
  }

private:
  std::vector<std::function<void()>> handlers_;
};

void watchFrames(EventBus &bus);
