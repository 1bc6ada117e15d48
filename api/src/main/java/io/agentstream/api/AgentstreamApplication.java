package io.agentstream.api;

import io.agentstream.api.engine.EngineCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * agentstream: durable, streaming LLM agent runs on Temporal. {@code engine} as first argument runs
 * only the Temporal engine; otherwise the app runs in the role {@code agentstream.role} names.
 */
@SpringBootApplication
public class AgentstreamApplication {

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("engine")) {
      EngineCommand.run(args);
      return;
    }
    SpringApplication.run(AgentstreamApplication.class, args);
  }
}
