{{/*
Names are fixed to "kubeairunway" rather than prefixed with the release name: the Headlamp plugin
finds the backend as the Service `kubeairunway` (port `http`) and the user-facing ClusterRoles are
documented by name. One installation per cluster.
*/}}
{{- define "kubeairunway.name" -}}kubeairunway{{- end -}}

{{- define "kubeairunway.labels" -}}
app.kubernetes.io/name: kubeairunway
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "kubeairunway.selectorLabels" -}}
app.kubernetes.io/name: kubeairunway
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "kubeairunway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default "kubeairunway" .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "kubeairunway.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
