package io.agentstream.llm.simulator;

/** Meeting notes in the shapes the meeting-notes agent sends, shared by the simulator tests. */
final class MeetingMaterial {

  static final String PRODUCT_SYNC =
      String.join(
          "\n",
          "Weekly product sync",
          "Attendees: Dana, Sam, Priya, Li",
          "- Launch moved to the 14th; marketing is fine with it.",
          "- Dana will send the revised budget to finance by Friday.",
          "- Sam to book the room for the offsite.",
          "- Priya: I'll review the launch checklist before Monday.",
          "- We agreed the beta stays invite-only.",
          "- Li follows up with the design agency about the new logo next week.");

  static final String PRODUCT_SYNC_ITEMS =
      String.join(
          "",
          "- Dana: send the revised budget to finance (due Friday)\n",
          "- Sam: book the room for the offsite\n",
          "- Priya: review the launch checklist (due Monday)\n",
          "- Li: follow up with the design agency about the new logo (due next week)\n");

  static final String TRANSCRIPT =
      String.join(
          "\n",
          "Dana: Thanks for joining. The venue fell through.",
          "Sam: I can call the hotel tomorrow. We also need to send the invitations by March 3.",
          "Dana: Please prepare a shortlist of caterers.");

  static final String NO_COMMITMENTS =
      String.join(
          "\n",
          "Retro with Omar and Jin",
          "The release went well. Testing took longer than planned.",
          "Nobody was sure who owns the flaky build.");

  /** What the meeting-notes agent sends for its follow-up step. */
  static String followUpRequest(String items, String notes) {
    return "Action items:\n" + items + "\nMeeting notes:\n" + notes;
  }

  private MeetingMaterial() {}
}
