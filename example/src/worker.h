#pragma once

struct Job {
  int weight = 0;
};

int runJob(const Job &job);
