package org.sisbridge.roster;

import java.util.List;

/** One entry of a COMPLETE job: outcome CREATED / EXISTING / REJECTED; errors as the JSON text received. */
public record StudentResult(String localId, String outcome, String cccid, List<String> matchedOn, String errorsJson) {
}
