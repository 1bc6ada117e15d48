package io.agentstream.trip;

/**
 * A place the research steps found.
 *
 * @param id stable id from the bundled data set
 * @param name place name
 * @param category {@code restaurant} or {@code attraction}
 * @param island island it is on
 * @param area town or area
 * @param description one line from the data set
 * @param rationale the model's short reason for recommending it
 */
public record Place(
    String id,
    String name,
    String category,
    String island,
    String area,
    String description,
    String rationale) {}
