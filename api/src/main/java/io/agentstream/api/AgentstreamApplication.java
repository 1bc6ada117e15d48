package io.agentstream.api;

import io.agentstream.api.engine.EngineCommand;
import io.agentstream.api.security.NewKeyCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * agentstream: durable, streaming LLM agent runs on Temporal. {@code engine} as first argument runs
 * only the Temporal engine, {@code new-key <caller>} prints a new API key and its configuration
 * entry; otherwise the app runs in the role {@code agentstream.role} names.
 */
@SpringBootApplication
@EnableConfigurationProperties(AppProperties.class)
public class AgentstreamApplication {

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("engine")) {
      EngineCommand.run(args);
      return;
    }
    if (args.length > 0 && args[0].equals("new-key")) {
      System.exit(NewKeyCommand.run(args, System.out, System.err));
    }
    SpringApplication.run(AgentstreamApplication.class, args);
  }
}
