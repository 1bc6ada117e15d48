package io.agentstream.api.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A client's view of a run, rebuilt by applying stream events in order exactly as docs/protocol.md
 * says a client must. Tests use it to check that what a client reassembles equals the final result.
 */
public final class RunView {

  private static final Set<String> FINISHED = Set.of("COMPLETED", "CUT_SHORT", "SKIPPED", "FAILED", "CANCELLED");

  /** The client must reconnect without an id to get a fresh snapshot. */
  public static final class GapException extends RuntimeException {
    GapException(String message) {
      super(message);
    }
  }

  public String status;
  public Object result;
  public long lastSeq;
  public List<Map<String, Object>> questions = List.of();
  public final Map<String, Step> steps = new LinkedHashMap<>();
  public int rewinds;
  public int snapshots;

  /** One step as the client sees it. */
  public static final class Step {
    public String status = "PENDING";
    public int attempt;
    public String text = "";
    public List<Object> items = new ArrayList<>();
    public Map<String, Object> progress;
    public String error;
    /** What the client had reassembled from deltas when {@code step.completed} arrived. */
    public String streamedText;
    public List<Object> streamedItems;
  }

  @SuppressWarnings("unchecked")
  public void apply(Map<String, Object> event) {
    String type = (String) event.get("type");
    lastSeq = ((Number) event.get("seq")).longValue();
    String stepId = (String) event.get("step");
    int attempt = event.get("attempt") == null ? 0 : ((Number) event.get("attempt")).intValue();
    Step step = stepId == null ? null : steps.computeIfAbsent(stepId, id -> new Step());
    switch (type) {
      case "snapshot" -> applySnapshot((Map<String, Object>) event.get("snapshot"));
      case "run.status" -> status = (String) event.get("status");
      case "questions" -> {
        questions = (List<Map<String, Object>>) event.get("questions");
        status = "WAITING_FOR_INPUT";
      }
      case "step.started" -> {
        if (step.status.equals("PENDING")) {
          step.status = "RUNNING";
          step.attempt = Math.max(step.attempt, 1);
        }
      }
      case "step.token" -> {
        if (!current(step, attempt)) {
          return;
        }
        String delta = (String) event.get("text");
        int offset = ((Number) event.get("offset")).intValue();
        if (offset > step.text.length()) {
          throw new GapException("token at " + offset + " but text has " + step.text.length());
        }
        if (offset + delta.length() > step.text.length()) {
          step.text = step.text.substring(0, offset) + delta;
        }
      }
      case "step.data" -> {
        if (!current(step, attempt)) {
          return;
        }
        int index = ((Number) event.get("index")).intValue();
        if (index > step.items.size()) {
          throw new GapException("item " + index + " but have " + step.items.size());
        }
        if (index == step.items.size()) {
          step.items.add(event.get("item"));
        } else {
          step.items.set(index, event.get("item"));
        }
      }
      case "step.progress" -> {
        if (current(step, attempt)) {
          step.progress = event;
        }
      }
      case "step.rewind" -> {
        if (attempt >= step.attempt && !FINISHED.contains(step.status)) {
          step.attempt = attempt;
          step.text = (String) event.get("text");
          step.items = new ArrayList<>((List<Object>) event.get("items"));
          step.status = "RUNNING";
          step.error = null;
          rewinds++;
        }
      }
      case "step.retrying" -> {
        if (attempt >= step.attempt && !FINISHED.contains(step.status)) {
          step.status = "RETRYING";
          step.error = (String) event.get("error");
        }
      }
      case "step.completed" -> {
        if (step.streamedText == null) {
          step.streamedText = step.text;
          step.streamedItems = List.copyOf(step.items);
        }
        step.status = (String) event.get("status");
        step.text = (String) event.get("text");
        step.items = new ArrayList<>((List<Object>) event.get("items"));
      }
      case "step.failed" -> {
        step.status = "FAILED";
        step.error = (String) event.get("error");
      }
      case "run.completed" -> {
        status = "COMPLETED";
        result = event.get("result");
      }
      case "run.failed" -> status = "FAILED";
      case "run.cancelled" -> status = "CANCELLED";
      default -> {}
    }
  }

  /** Events of an older attempt are stale; a newer attempt's deltas before its rewind mean a gap. */
  private static boolean current(Step step, int attempt) {
    if (FINISHED.contains(step.status) || attempt < step.attempt) {
      return false;
    }
    if (attempt > step.attempt) {
      throw new GapException("attempt " + attempt + " before its rewind (have " + step.attempt + ")");
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private void applySnapshot(Map<String, Object> snapshot) {
    snapshots++;
    status = (String) snapshot.get("status");
    result = snapshot.get("result");
    questions = (List<Map<String, Object>>) snapshot.get("questions");
    steps.clear();
    for (Map<String, Object> s : (List<Map<String, Object>>) snapshot.get("steps")) {
      Step step = new Step();
      step.status = (String) s.get("status");
      step.attempt = ((Number) s.get("attempt")).intValue();
      step.text = (String) s.get("text");
      step.items = new ArrayList<>((List<Object>) s.get("items"));
      step.error = (String) s.get("error");
      steps.put((String) s.get("id"), step);
    }
  }

  /** True for a {@code questions} event, or a snapshot of a run waiting for answers. */
  @SuppressWarnings("unchecked")
  public static boolean asksQuestions(Map<String, Object> event) {
    if ("questions".equals(event.get("type"))) {
      return true;
    }
    if ("snapshot".equals(event.get("type"))) {
      Map<String, Object> snapshot = (Map<String, Object>) event.get("snapshot");
      return !((List<Object>) snapshot.get("questions")).isEmpty();
    }
    return false;
  }

  public boolean isTerminal() {
    return "COMPLETED".equals(status) || "FAILED".equals(status) || "CANCELLED".equals(status);
  }
}
