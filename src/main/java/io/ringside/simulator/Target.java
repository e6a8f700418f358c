package io.ringside.simulator;

/**
 * One dial target: {@code PJSIP/101} (an extension) or {@code PJSIP/+4930123456@trunk}
 * (an outside number over the trunk endpoint).
 *
 * @param dialString what Dial() was given, also the key {@link SimulatedPhones} is asked
 * about
 * @param device the endpoint whose device state changes and whose name the channel takes
 * @param number the number of the party reached
 * @param resource what goes into DialBegin's DialString
 */
record Target(String dialString, String device, String number, String resource) {

	static Target parse(String dialString) {
		String text = dialString.trim();
		int slash = text.indexOf('/');
		String tech = slash < 0 ? "PJSIP" : text.substring(0, slash);
		String resource = slash < 0 ? text : text.substring(slash + 1);
		int at = resource.indexOf('@');
		if (at >= 0) {
			String number = resource.substring(0, at);
			return new Target(text, tech + "/" + resource.substring(at + 1), number, resource);
		}
		return new Target(text, tech + "/" + resource, resource, resource);
	}

	/** Extensions are short digit strings; everything else leaves over the trunk. */
	static Target forExtension(String exten) {
		return exten.matches("\\d{2,6}") ? parse("PJSIP/" + exten) : parse("PJSIP/" + exten + "@trunk");
	}

}
