package com.example.standup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A team's own application: agentstream comes in through its starter, nothing else. */
@SpringBootApplication
public class StandupApplication {

  public static void main(String[] args) {
    SpringApplication.run(StandupApplication.class, args);
  }
}
