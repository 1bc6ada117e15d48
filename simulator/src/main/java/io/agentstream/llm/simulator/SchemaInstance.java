package io.agentstream.llm.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The simulator's answer to {@code response_format: json_schema}: a JSON value that matches the
 * schema (objects with every property, arrays of two items, the first {@code enum} value), so a
 * client's structured-output parsing runs against a real reply. Strings say what they are and
 * where: a {@code destination} is the place the request names, a {@code name} is "{place} sight 1",
 * and so on, so answers stay consistent with the destination asked about.
 */
final class SchemaInstance {

  private final ObjectMapper json;
  private final String destination;
  private int counter;

  private SchemaInstance(ObjectMapper json, String destination) {
    this.json = json;
    this.destination = destination;
  }

  static String of(JsonNode schema, ObjectMapper json, String destination) {
    return new SchemaInstance(json, destination).value("value", schema).toString();
  }

  private JsonNode value(String name, JsonNode schema) {
    if (schema.path("enum").isArray() && schema.path("enum").size() > 0) {
      return schema.path("enum").get(0);
    }
    String type =
        schema.path("type").isArray()
            ? schema.path("type").get(0).asText()
            : schema.path("type").asText(schema.has("properties") ? "object" : "string");
    switch (type) {
      case "object" -> {
        ObjectNode object = json.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
          Map.Entry<String, JsonNode> p = properties.next();
          object.set(p.getKey(), value(p.getKey(), p.getValue()));
        }
        return object;
      }
      case "array" -> {
        ArrayNode array = json.createArrayNode();
        for (int i = 0; i < 2; i++) {
          array.add(value(singular(name), schema.path("items")));
        }
        return array;
      }
      case "integer", "number" -> {
        return json.getNodeFactory().numberNode(1);
      }
      case "boolean" -> {
        return json.getNodeFactory().booleanNode(true);
      }
      default -> {
        return json.getNodeFactory().textNode(text(name));
      }
    }
  }

  private String text(String name) {
    int n = ++counter;
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("destination") || lower.equals("city") || lower.equals("location")) {
      return destination;
    }
    if (lower.equals("id")) {
      return destination.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + n;
    }
    if (lower.equals("name") || lower.equals("title")) {
      return destination + " sight " + n;
    }
    return "Simulated " + name + " " + n + " for " + destination;
  }

  private static String singular(String name) {
    return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
  }
}
