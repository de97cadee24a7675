package org.watchkeeper.core.incident;

/** What the victim vessel was doing when attacked (the IMB / ReCAAP "status of ship"). */
public enum VesselStatus {
    ANCHORED, BERTHED, STEAMING, DRIFTING, UNKNOWN;

    /** Lower-case API name. */
    public String apiName() {
        return ApiEnum.apiName(this);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static VesselStatus parse(String s) {
        return ApiEnum.parse(VesselStatus.class, "vessel status", s);
    }
}
