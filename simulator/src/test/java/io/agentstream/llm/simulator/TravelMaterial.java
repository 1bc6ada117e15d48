package io.agentstream.llm.simulator;

import java.util.List;

/** Example prompts in the shapes the project sends, shared by the simulator tests. */
final class TravelMaterial {

  static final List<String> HAWAII_PLACES =
      List.of(
          "Duke's Waikiki",
          "Hanauma Bay",
          "Pearl Harbor National Memorial",
          "Haleakala National Park",
          "Mama's Fish House",
          "Iolani Palace",
          "Road to Hana");

  static final String HAWAII_PLAN_REQUEST =
      String.join(
          "\n",
          "Request: Plan a 5-day trip to Hawaii for 2 adults",
          "Places:",
          "- Duke's Waikiki (restaurant, Oahu)",
          "- Hanauma Bay (beach, Oahu)",
          "- Pearl Harbor National Memorial (historic site, Oahu)",
          "- Haleakala National Park (park, Maui)",
          "- Mama's Fish House (restaurant, Maui)",
          "- Iolani Palace (museum, Honolulu)",
          "- Road to Hana (scenic drive, Maui)");

  static final String RANK_DUKES =
      String.join(
          "\n",
          "Place: Duke's Waikiki",
          "Category: Restaurant",
          "About: Beachfront restaurant on Waikiki Beach serving fresh fish and Hawaiian classics"
              + " since 1996.",
          "Traveller: Two adults who love seafood and sunsets, mid-range budget");

  private TravelMaterial() {}
}
