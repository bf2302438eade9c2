# plan — en
