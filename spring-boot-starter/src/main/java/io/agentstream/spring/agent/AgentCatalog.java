package io.agentstream.spring.agent;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The agents this deployment knows, by name. */
public class AgentCatalog {

  private final Map<String, AgentDefinition> byName;

  public AgentCatalog(List<AgentDefinition> agents) {
    this.byName =
        agents.stream().collect(Collectors.toMap(AgentDefinition::name, Function.identity()));
  }

  public Optional<AgentDefinition> find(String name) {
    return Optional.ofNullable(name).map(byName::get);
  }

  public Collection<AgentDefinition> all() {
    return byName.values();
  }

  public boolean knowsWorkflowType(String type) {
    return byName.values().stream().anyMatch(a -> a.workflowType().equals(type));
  }
}
